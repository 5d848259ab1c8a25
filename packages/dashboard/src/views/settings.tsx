/** Settings: the export URLs firewalls poll, API tokens, and where the rest of the configuration lives. */
import formats from '../api/export-formats.json';
import { useCan } from '../session-context.js';
import { CopyBlock } from '../ui/copy.js';
import { VirtualTable } from '../ui/table.js';
import { ApiTokens } from './api-tokens.js';
import { ConfigSettings } from './settings-config.js';

export function SettingsView() {
  const seesTokens = useCan()('tokens:read');
  const origin = window.location.origin;
  return (
    <div className="stack">
      <h2>Settings</h2>
      <section className="card stack">
        <h3>Exports: URLs firewalls, WAFs and CDNs poll</h3>
        <p className="muted small">
          Send a token with the <code>bouncer</code> or <code>read</code> scope as <code>Authorization: Bearer</code>.
          Add <code>?service=</code> for one service, <code>?mode=throttle</code> for throttles.
        </p>
        <VirtualTable
          label="Export formats"
          rows={formats}
          rowKey={(f) => f.id}
          maxHeight={420}
          columns={[
            { label: 'Format', render: (f) => f.id, width: '12.5rem' },
            { label: 'URL', render: (f) => `${origin}/api/v1/export/${f.id}`, width: 'minmax(0,1.2fr)' },
            { label: 'What', render: (f) => f.description, width: 'minmax(0,1fr)' },
          ]}
        />
        <CopyBlock
          label="Poll every minute (cron); load the file with your firewall tooling"
          text={`* * * * * curl -fsS -H 'Authorization: Bearer <bouncer-token>' ${origin}/api/v1/export/iptables_ipset -o /etc/rampart/bans.ipset.new && mv /etc/rampart/bans.ipset.new /etc/rampart/bans.ipset`}
        />
      </section>
      {seesTokens ? (
        <section className="card stack">
          <h3>API tokens</h3>
          <ApiTokens />
        </section>
      ) : null}
      <section className="card stack">
        <h3>Services, detectors, tolerance and automatic bans</h3>
        <p className="muted small">
          In effect now, read-only: change them in the YAML configuration (<code>rampart config show</code> prints it)
          and restart <code>rampart serve</code>.
        </p>
        <ConfigSettings />
      </section>
    </div>
  );
}
