/** Bans: the ban list (active, or with ended ones), ending a ban with a reason, and the export preview. */
import { useState } from 'react';
import { bans, exportText } from '../api/endpoints.js';
import formats from '../api/export-formats.json';
import type { BanEntry } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useCan } from '../session-context.js';
import { num, time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';
import { EndEntry } from './end-entry.js';

export function BansView() {
  const [inactive, setInactive] = useState(false);
  const list = useApi(() => bans.list(inactive), `bans${inactive}`);
  const [ending, setEnding] = useState<BanEntry>();
  const [format, setFormat] = useState('iptables');
  const preview = useApi(() => exportText(format), `${format}|${list.data?.bans.length}`);
  const rows = list.data?.bans ?? [];
  const writes = useCan()('bans:write');
  return (
    <div className="stack">
      <h2>Bans</h2>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={inactive} onChange={(e) => setInactive(e.target.checked)} /> Include ended and
          expired
        </label>
        <span className="muted">{num(rows.length)} entries</span>
      </div>
      {list.error ? <p className="error">{list.error}</p> : null}
      <VirtualTable<BanEntry>
        label="Bans"
        rows={rows}
        rowKey={(b) => b.id}
        {...(writes ? { onActivate: setEnding, isSelected: (b: BanEntry) => b.id === ending?.id } : {})}
        maxHeight={480}
        empty={list.data ? 'No bans.' : 'Loading…'}
        columns={[
          { label: 'Value', render: (b) => `${b.kind} ${b.value}`, width: 'minmax(0,1fr)' },
          { label: 'Mode', render: (b) => b.mode, width: '5rem' },
          { label: 'Service', render: (b) => b.service ?? 'all', width: '6rem' },
          { label: 'Origin', render: (b) => b.origin, width: '5rem' },
          { label: 'Reason', render: (b) => b.reason, width: 'minmax(0,1.3fr)' },
          { label: 'Expires', render: (b) => (b.expiresAt ? time(b.expiresAt) : 'never'), width: '12.5rem' },
          { label: 'By', render: (b) => b.actor, width: '8rem' },
        ]}
      />
      {ending ? (
        <EndEntry
          what={`ban ${ending.value}`}
          onCancel={() => setEnding(undefined)}
          onEnd={async (reason) => {
            await bans.remove(ending.id, reason);
            setEnding(undefined);
            list.reload();
          }}
        />
      ) : writes ? (
        <p className="muted small">Select a ban to end it.</p>
      ) : null}
      <section className="card stack">
        <div className="toolbar">
          <h3>Export preview</h3>
          <select value={format} onChange={(e) => setFormat(e.target.value)} aria-label="Export format">
            {formats.map((f) => (
              <option key={f.id} value={f.id}>
                {f.id}
              </option>
            ))}
          </select>
          <span className="muted small mono">GET {`/api/v1/export/${format}`}</span>
        </div>
        <pre className="export" data-testid="export-preview">
          {preview.data ?? 'Loading…'}
        </pre>
      </section>
    </div>
  );
}
