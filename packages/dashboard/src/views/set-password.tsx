/**
 * `/invite#token=…` and `/reset-password#token=…`: choose a password with the single-use token from the
 * link. The token is read from the URL fragment (never sent to the server when the page loads, never in
 * a Referer) and then removed from the address bar; it is POSTed only with the new password. A refused
 * password does not use the link up, so the person can try another.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { links } from '../api/team.js';
import { AlertText } from '../ui/alert-text.js';

const KINDS = {
  invite: {
    title: 'Accept your invitation',
    button: 'Set password',
    submit: links.acceptInvitation,
    gone: 'This invitation link is not valid: it was used already, replaced by a newer one, or it expired. Ask an admin to invite you again.',
  },
  reset: {
    title: 'Choose a new password',
    button: 'Set new password',
    submit: links.confirmReset,
    gone: 'This reset link is not valid: it was used already, replaced by a newer one, or it expired (links last an hour). Request a new one from the log-in page.',
  },
} as const;

/** The token in `#token=…` (also accepts `#…&token=…`), or undefined. */
export function fragmentToken(hash: string): string | undefined {
  const t = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return t && /^[A-Za-z0-9_-]{20,200}$/.test(t) ? t : undefined;
}

export function SetPasswordView(p: { kind: 'invite' | 'reset'; onDone: (email: string | undefined) => void }) {
  const k = KINDS[p.kind];
  const [token] = useState(() => fragmentToken(window.location.hash));
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The token stays in this page's memory only: out of the address bar, the history and bookmarks.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  const mismatch = again !== '' && again !== password;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token || mismatch) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await k.submit(token, password);
      p.onDone(answer?.email);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setError(k.gone);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="card stack login-card" onSubmit={submit} aria-labelledby="set-password-title">
        <h1 id="set-password-title">{k.title}</h1>
        {token ? (
          <>
            <label htmlFor="new-password">New password</label>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby="password-rules"
              required
            />
            <label htmlFor="new-password-again">New password again</label>
            <input
              id="new-password-again"
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              aria-invalid={mismatch}
              required
            />
            <p id="password-rules" className="muted small">
              At least 10 characters. Not a common password and not your e-mail address; a few words you will remember
              work well.
            </p>
            {mismatch ? <p className="warn">The two passwords differ.</p> : null}
            <AlertText error={error} />
            <button type="submit" className="primary" disabled={busy || password === '' || again !== password}>
              {k.button}
            </button>
          </>
        ) : (
          <p className="error" role="alert">
            This page needs the link from your e-mail or from your admin, with <code>#token=</code> at the end. Open the
            whole link.
          </p>
        )}
        <a href="/login">Back to log-in</a>
      </form>
    </main>
  );
}
