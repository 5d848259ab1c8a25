/** The shell: session check, navigation, theme toggle and the view for the current path. */
import { type ReactNode, useEffect, useState } from 'react';
import { setCsrf, whenUnauthorized } from './api/client.js';
import { type Session, session } from './api/endpoints.js';
import { navigate, useLocation } from './router.js';
import { Link } from './ui/link.js';
import { ThemeToggle } from './ui/theme.js';
import { AbuseView } from './views/abuse.js';
import { AllowView } from './views/allow.js';
import { AuditView } from './views/audit.js';
import { BansView } from './views/bans.js';
import { FindingView } from './views/finding.js';
import { FindingsView } from './views/findings.js';
import { LoginView } from './views/login.js';
import { ReportsView, ReportView } from './views/reports.js';
import { SettingsView } from './views/settings.js';
import { SimulateView } from './views/simulate.js';
import { TrafficView } from './views/traffic.js';

const NAV = [
  ['/traffic', 'Traffic'],
  ['/findings', 'Findings'],
  ['/reports', 'Reports'],
  ['/simulate', 'Simulate'],
  ['/bans', 'Bans'],
  ['/allow', 'Allowlist'],
  ['/abuse', 'Abuse reports'],
  ['/audit', 'Audit log'],
  ['/settings', 'Settings'],
] as const;

export function App() {
  const loc = useLocation();
  const [who, setWho] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    whenUnauthorized(() => setWho(null));
    session
      .get()
      .then((s) => {
        setCsrf(s.csrf);
        setWho(s);
      })
      .catch(() => setWho(null));
  }, []);
  if (who === undefined) return <p className="muted pad">Loading…</p>;
  if (who === null)
    return (
      <LoginView
        onLogin={(s) => {
          setCsrf(s.csrf);
          setWho(s);
          if (loc.path === '/' || loc.path === '/login') navigate('/traffic', true);
        }}
      />
    );

  const logout = async () => {
    await session.logout().catch(() => undefined);
    setCsrf(null);
    setWho(null);
  };
  const [, section = 'traffic', id] = loc.path.split('/');
  const idText = id ? decodeURIComponent(id) : undefined;
  let view: ReactNode;
  if (section === 'findings' && idText) view = <FindingView id={idText} />;
  else if (section === 'findings') view = <FindingsView loc={loc} />;
  else if (section === 'reports' && idText) view = <ReportView id={idText} />;
  else if (section === 'reports') view = <ReportsView />;
  else if (section === 'simulate') view = <SimulateView loc={loc} />;
  else if (section === 'bans') view = <BansView />;
  else if (section === 'allow') view = <AllowView />;
  else if (section === 'abuse') view = <AbuseView />;
  else if (section === 'audit') view = <AuditView />;
  else if (section === 'settings') view = <SettingsView />;
  else view = <TrafficView loc={loc} />;

  return (
    <div className="shell">
      <header className="top">
        <Link to="/traffic" className="brand">
          Rampart
        </Link>
        <nav aria-label="Main">
          {NAV.map(([to, label]) => (
            <Link key={to} to={to} className={`/${section}` === to ? 'active' : ''}>
              {label}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span className="muted small">{who.name}</span>
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
  );
}
