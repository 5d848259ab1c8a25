/** The shell: session check, navigation (what the session may see), theme toggle and the current view. */
import { type ReactNode, useEffect, useState } from 'react';
import { setCsrf, whenForbidden, whenUnauthorized } from './api/client.js';
import { can, type Session, sessionApi, whoText } from './api/session.js';
import { navigate, useLocation } from './router.js';
import { SessionContext } from './session-context.js';
import { Link } from './ui/link.js';
import { ThemeToggle } from './ui/theme.js';
import { AbuseView } from './views/abuse.js';
import { AccountView } from './views/account.js';
import { AllowView } from './views/allow.js';
import { AuditView } from './views/audit.js';
import { BansView } from './views/bans.js';
import { DeliveriesView } from './views/deliveries.js';
import { FindingView } from './views/finding.js';
import { FindingsView } from './views/findings.js';
import { LoginView } from './views/login.js';
import { NotAllowed } from './views/not-allowed.js';
import { ReportsView, ReportView } from './views/reports.js';
import { SetPasswordView } from './views/set-password.js';
import { SettingsView } from './views/settings.js';
import { SimulateView } from './views/simulate.js';
import { TrafficView } from './views/traffic.js';
import { UsageView } from './views/usage.js';
import { UsersView } from './views/users.js';

/** [path, label, permission needed to see it]. */
const NAV: readonly (readonly [string, string, string])[] = [
  ['/traffic', 'Traffic', 'traffic:read'],
  ['/findings', 'Findings', 'findings:read'],
  ['/reports', 'Reports', 'reports:read'],
  ['/simulate', 'Simulate', 'simulate:run'],
  ['/bans', 'Bans', 'bans:read'],
  ['/allow', 'Allowlist', 'allow:read'],
  ['/abuse', 'Abuse reports', 'reports:read'],
  ['/alerts', 'Alerts', 'alerts:read'],
  ['/audit', 'Audit log', 'audit:read'],
  ['/users', 'Users', 'users:read'],
  ['/usage', 'Usage', 'usage:read'],
  ['/settings', 'Settings', 'settings:read'],
];

/** Pages that work without a session: they carry their own single-use token in the URL fragment. */
const PUBLIC = { '/invite': 'invite', '/reset-password': 'reset' } as const;

export function App() {
  const loc = useLocation();
  const [who, setWho] = useState<Session | null | undefined>(undefined);
  const [welcome, setWelcome] = useState<{ email?: string; notice: string }>();
  useEffect(() => {
    const refresh = () =>
      sessionApi
        .get()
        .then((s) => {
          setCsrf(s.csrf);
          setWho(s);
        })
        .catch(() => setWho(null));
    whenUnauthorized(() => setWho(null));
    // A refused request may mean a changed role: the navigation and controls follow the new one.
    whenForbidden(() => void refresh());
    void refresh();
  }, []);

  const publicKind = (PUBLIC as Readonly<Record<string, 'invite' | 'reset' | undefined>>)[loc.path];
  if (publicKind)
    return (
      <SetPasswordView
        kind={publicKind}
        onDone={(email) => {
          setWelcome({
            ...(email ? { email } : {}),
            notice: `Password set${email ? ` for ${email}` : ''}. Log in with it now.`,
          });
          navigate(who ? '/traffic' : '/login', true);
        }}
      />
    );
  if (who === undefined) return <p className="muted pad">Loading…</p>;
  if (who === null)
    return (
      <LoginView
        {...(welcome?.email ? { email: welcome.email } : {})}
        {...(welcome ? { notice: welcome.notice } : {})}
        onLogin={(s) => {
          setCsrf(s.csrf);
          setWho(s);
          setWelcome(undefined);
          if (loc.path === '/' || loc.path === '/login') navigate('/traffic', true);
        }}
      />
    );

  const logout = async () => {
    await sessionApi.logout().catch(() => undefined);
    setCsrf(null);
    setWho(null);
    navigate('/login', true);
  };
  const [, section = 'traffic', id] = loc.path.split('/');
  const idText = id ? decodeURIComponent(id) : undefined;
  const gate = (permission: string, node: ReactNode) =>
    can(who, permission) ? node : <NotAllowed session={who} permission={permission} />;
  let view: ReactNode;
  if (section === 'findings' && idText) view = <FindingView id={idText} />;
  else if (section === 'findings') view = <FindingsView loc={loc} />;
  else if (section === 'reports' && idText) view = <ReportView id={idText} />;
  else if (section === 'reports') view = <ReportsView />;
  else if (section === 'simulate') view = gate('simulate:run', <SimulateView loc={loc} />);
  else if (section === 'bans') view = <BansView />;
  else if (section === 'allow') view = <AllowView />;
  else if (section === 'abuse') view = <AbuseView />;
  else if (section === 'alerts') view = gate('alerts:read', <DeliveriesView />);
  else if (section === 'audit') view = <AuditView />;
  else if (section === 'users') view = gate('users:read', <UsersView />);
  else if (section === 'usage') view = gate('usage:read', <UsageView />);
  else if (section === 'account') view = <AccountView />;
  else if (section === 'settings') view = <SettingsView />;
  else view = <TrafficView loc={loc} />;

  return (
    <SessionContext.Provider value={who}>
      <div className="shell">
        <header className="top">
          <Link to="/traffic" className="brand">
            Rampart
          </Link>
          <nav aria-label="Main">
            {NAV.filter(([, , permission]) => can(who, permission)).map(([to, label]) => (
              <Link key={to} to={to} className={`/${section}` === to ? 'active' : ''}>
                {label}
              </Link>
            ))}
          </nav>
          <div className="who">
            {who.user ? (
              <Link to="/account" className="small">
                {whoText(who)}
              </Link>
            ) : (
              <span className="muted small">{whoText(who)}</span>
            )}
            <ThemeToggle />
            <button type="button" onClick={logout}>
              Log out
            </button>
          </div>
        </header>
        <main className="content" id="main">
          {view}
        </main>
      </div>
    </SessionContext.Provider>
  );
}
