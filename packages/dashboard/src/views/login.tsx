/** Log-in: paste an API token (read or admin scope); the server answers with a session cookie. */
import { type FormEvent, useState } from 'react';
import { type Session, session } from '../api/endpoints.js';

export function LoginView(p: { onLogin: (s: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      p.onLogin(await session.login(token));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="card stack" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Rampart</h1>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
        <p className="muted small">
          <code>rampart serve</code> prints the admin token on its first start. The token stays on the server; this
          browser gets a session cookie.
        </p>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
          Log in
        </button>
      </form>
    </main>
  );
}
