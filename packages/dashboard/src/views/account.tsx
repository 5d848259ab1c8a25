/** Your account: who you are logged in as, and changing your password (which ends your other sessions). */
import { type FormEvent, useState } from 'react';
import { setCsrf } from '../api/client.js';
import { sessionApi } from '../api/session.js';
import { useSession } from '../session-context.js';
import { AlertText } from '../ui/alert-text.js';

export function AccountView() {
  const s = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string>();
  const [ok, setOk] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!s?.user)
    return (
      <div className="stack">
        <h2>Account</h2>
        <p>Logged in with the API token {s?.token?.name}: tokens have no password. Manage them under Settings.</p>
      </div>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setOk(false);
    try {
      const answer = await sessionApi.changePassword(current, next);
      // The server starts a fresh session (the old one ends with the change) with a new CSRF token.
      setCsrf(answer.csrf);
      setOk(true);
      setCurrent('');
      setNext('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <h2>Account</h2>
      <dl className="kv">
        <dt>E-mail</dt>
        <dd>{s.user.email}</dd>
        <dt>Role</dt>
        <dd>{s.user.role}</dd>
      </dl>
      <form className="card stack" onSubmit={submit} aria-label="Change your password">
        <h3>Change password</h3>
        <label htmlFor="current-password">Current password</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
        <label htmlFor="next-password">New password</label>
        <input
          id="next-password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
        <p className="muted small">At least 10 characters, not a common password. Your other sessions end.</p>
        <AlertText error={error} />
        {ok ? <p role="status">Password changed.</p> : null}
        <button type="submit" className="primary" disabled={busy || current === '' || next === ''}>
          Change password
        </button>
      </form>
    </div>
  );
}
