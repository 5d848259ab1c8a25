/**
 * Invites a person with a role. The answer's link is shown once (only its hash is stored) with a Copy
 * button, and says whether the server e-mailed it: if not, pass it on yourself.
 */
import { type FormEvent, useState } from 'react';
import { type Invited, type Role, users } from '../api/team.js';
import { AlertText } from '../ui/alert-text.js';
import { CopyBlock } from '../ui/copy.js';
import { time } from '../ui/format.js';
import { RoleSelect } from './role-select.js';

export function InviteUser(p: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Invited>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await users.invite(email.trim(), role));
      setEmail('');
      p.onInvited();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Invite a person">
      <h3>Invite a person</h3>
      <div className="form-row">
        <label>
          E-mail{' '}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" required />
        </label>
        <RoleSelect value={role} onChange={setRole} />
        <button type="submit" className="primary" disabled={busy || email.trim() === ''}>
          Invite
        </button>
      </div>
      <p className="muted small">
        admin: everything; billing: usage and retention, read-only otherwise; viewer: read-only. The link works once,
        for 72 hours; inviting the same address again replaces it.
      </p>
      <AlertText error={error} />
      {done ? (
        <div className="stack" data-testid="invite-result" role="status">
          <p>
            Invited <strong>{done.user.email}</strong> as {done.user.role}.{' '}
            {done.emailed
              ? 'The link was e-mailed to them.'
              : `The link was not e-mailed (${done.mailError ?? 'no mail server configured'}): pass it on yourself.`}{' '}
            It works once, until {time(done.expiresAt)}.
          </p>
          <CopyBlock label="Invitation link (shown only now)" text={done.inviteUrl} />
        </div>
      ) : null}
    </form>
  );
}
