/** The audit log: every change with who, what and why, searchable, with the hash-chain verification. */
import { useState } from 'react';
import { audit } from '../api/endpoints.js';
import type { AuditRecord } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { num, time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';

async function allRecords(): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (let page = 0; page < 50; page++) {
    const { records } = await audit.list(out.at(-1)?.seq ?? 0);
    out.push(...records);
    if (records.length < 1000) break;
  }
  return out.reverse();
}

export function AuditView() {
  const list = useApi(allRecords, 'audit');
  const verify = useApi(() => audit.verify(), 'verify');
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (r) =>
      needle === '' ||
      [r.actor, r.action, r.entityKind, r.entityId, r.reason, JSON.stringify(r.after ?? r.before ?? '')].some((s) =>
        String(s).toLowerCase().includes(needle),
      ),
  );
  const v = verify.data?.verdict;
  return (
    <div className="stack">
      <h2>Audit log</h2>
      <div className={`verdict ${v ? (v.ok ? 'safe' : 'unsafe') : ''}`} role="status" data-testid="audit-verify">
        {v
          ? v.ok
            ? `Chain verified: ${num(v.checked)} records, nothing edited or removed.`
            : `Chain broken at record ${v.broken?.seq}: ${v.broken?.problem}`
          : (verify.error ?? 'Verifying…')}
      </div>
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Search actor, action, value, reason"
        aria-label="Search the audit log"
      />
      {list.error ? <p className="error">{list.error}</p> : null}
      <VirtualTable<AuditRecord>
        label="Audit records, newest first"
        rows={rows}
        rowKey={(r) => String(r.seq)}
        maxHeight={640}
        empty={list.data ? 'No records match.' : 'Loading…'}
        columns={[
          { label: '#', render: (r) => r.seq, width: '4rem', numeric: true },
          { label: 'Time', render: (r) => time(r.ts), width: '12.5rem' },
          { label: 'Actor', render: (r) => r.actor, width: '9rem' },
          { label: 'Action', render: (r) => r.action, width: '9rem' },
          { label: 'Entity', render: (r) => `${r.entityKind} ${summary(r)}`, width: 'minmax(0,1fr)' },
          { label: 'Reason', render: (r) => r.reason, width: 'minmax(0,1.2fr)' },
        ]}
      />
    </div>
  );
}

function summary(r: AuditRecord): string {
  const v = (r.after ?? r.before) as { value?: unknown; email?: unknown } | null | undefined;
  if (typeof v?.value === 'string') return v.value;
  // Users and invitations: the address says more than the id.
  return typeof v?.email === 'string' ? v.email : r.entityId;
}
