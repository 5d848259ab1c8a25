/**
 * Asks for a password reset link by e-mail. The server answers the same whether or not the address has an
 * account (nothing to learn from it), so the page does too.
 */
import { type FormEvent, useState } from 'react';
import { links } from '../api/team.js';
import { AlertText } from '../ui/alert-text.js';
import { loginError } from './login-error.js';

export function ForgotPassword(p: { email: string; onBack: () => void }) {
  const [email, setEmail] = useState(p.email);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await links.requestReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(loginError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Request a password reset">
      <h2>Reset your password</h2>
      {sent ? (
        <p role="status">
          If <strong>{email.trim()}</strong> has an account, a link to choose a new password is on its way. It works
          once, for an hour. No e-mail? Ask an admin: they can invite you again.
        </p>
      ) : (
        <>
          <label htmlFor="reset-email">E-mail</label>
          <input
            id="reset-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
          <AlertText error={error} />
          <button type="submit" className="primary" disabled={busy || email.trim() === ''}>
            Send reset link
          </button>
        </>
      )}
      <button type="button" className="link" onClick={p.onBack}>
        Back to log-in
      </button>
    </form>
  );
}
