/**
 * Log-in: people use their e-mail address and password; an API token (read or admin scope) still works
 * for first set-up and machines, under its own tab. "Forgot password" asks for a reset link by e-mail.
 * The server answers with a session cookie; nothing secret is kept in the page.
 */
import { type FormEvent, useState } from 'react';
import { type Session, sessionApi } from '../api/session.js';
import { AlertText } from '../ui/alert-text.js';
import { ForgotPassword } from './forgot-password.js';
import { loginError } from './login-error.js';

type Mode = 'password' | 'token' | 'forgot';

export function LoginView(p: { onLogin: (s: Session) => void; email?: string; notice?: string }) {
  const [mode, setMode] = useState<Mode>('password');
  const [email, setEmail] = useState(p.email ?? '');
  return (
    <main className="login">
      <div className="card stack login-card">
        <h1 id="login-title">Rampart</h1>
        {p.notice ? (
          <p className="verdict safe" role="status">
            {p.notice}
          </p>
        ) : null}
        {mode === 'forgot' ? (
          <ForgotPassword email={email} onBack={() => setMode('password')} />
        ) : (
          <>
            <fieldset className="toolbar" aria-label="Log in with">
              <button type="button" aria-pressed={mode === 'password'} onClick={() => setMode('password')}>
                E-mail and password
              </button>
              <button type="button" aria-pressed={mode === 'token'} onClick={() => setMode('token')}>
                API token
              </button>
            </fieldset>
            {mode === 'password' ? (
              <PasswordForm email={email} setEmail={setEmail} onLogin={p.onLogin} onForgot={() => setMode('forgot')} />
            ) : (
              <TokenForm onLogin={p.onLogin} />
            )}
          </>
        )}
      </div>
    </main>
  );
}

function useSubmit(run: () => Promise<Session>, onLogin: (s: Session) => void) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await run());
    } catch (err) {
      setError(loginError(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function PasswordForm(p: {
  email: string;
  setEmail: (e: string) => void;
  onLogin: (s: Session) => void;
  onForgot: () => void;
}) {
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(() => sessionApi.withPassword(p.email.trim(), password), p.onLogin);
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="login-title">
      <label htmlFor="email">E-mail</label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="username"
        value={p.email}
        onChange={(e) => p.setEmail(e.target.value)}
        required
      />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <AlertText error={error} />
      <button type="submit" className="primary" disabled={busy || p.email.trim() === '' || password === ''}>
        Log in
      </button>
      <button type="button" className="link" onClick={p.onForgot}>
        Forgot password?
      </button>
    </form>
  );
}

function TokenForm(p: { onLogin: (s: Session) => void }) {
  const [token, setToken] = useState('');
  const { error, busy, submit } = useSubmit(() => sessionApi.withToken(token.trim()), p.onLogin);
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="login-title">
      <label htmlFor="token">API token</label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        required
      />
      <p className="muted small">
        For first set-up and machines: <code>rampart serve</code> prints the admin token on its first start. The token
        stays on the server; this browser gets a session cookie.
      </p>
      <AlertText error={error} />
      <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
        Log in
      </button>
    </form>
  );
}
