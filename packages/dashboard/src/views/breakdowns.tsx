/** The breakdown tables of the traffic view: top values per dimension; clicking a row filters everything. */
import { type Dimension, traffic } from '../api/endpoints.js';
import type { BreakdownRow } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { bytes, num } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';
import { useNarrow } from '../ui/use-narrow.js';
import type { Query } from './traffic-query.js';

export const BREAKDOWNS: readonly { dim: Dimension; label: string }[] = [
  { dim: 'ip', label: 'Client IP' },
  { dim: 'path_template', label: 'Path' },
  { dim: 'asn', label: 'ASN' },
  { dim: 'host', label: 'Host' },
  { dim: 'service', label: 'Service' },
  { dim: 'country', label: 'Country' },
  { dim: 'status', label: 'Status' },
  { dim: 'ua_family', label: 'User agent' },
];

interface Props {
  readonly query: Query;
  readonly queryKey: string;
  readonly isSelected: (dim: Dimension, key: string) => boolean;
  readonly onPick: (dim: Dimension, key: string) => void;
}

function Breakdown(p: Props & { dim: Dimension; label: string }) {
  const { data, error, loading } = useApi(() => traffic.breakdown(p.dim, p.query), `${p.dim}|${p.queryKey}`);
  const narrow = useNarrow();
  const rows = data?.rows ?? [];
  const total = rows.reduce((s, r) => s + r.requests, 0);
  return (
    <section className={`card breakdown${loading ? ' loading' : ''}`} data-dimension={p.dim}>
      <h3>{p.label}</h3>
      {error ? <p className="error">{error}</p> : null}
      <VirtualTable<BreakdownRow>
        label={`Requests by ${p.label}`}
        rows={rows}
        rowKey={(r) => r.key}
        onActivate={(r) => p.onPick(p.dim, r.key)}
        isSelected={(r) => p.isSelected(p.dim, r.key)}
        maxHeight={288}
        empty={loading ? 'Loading…' : 'No requests.'}
        columns={[
          { label: p.label, render: (r) => (r.key === '' ? '(none)' : r.key), width: 'minmax(0,1fr)' },
          { label: 'Requests', render: (r) => num(r.requests), width: '6.5rem', numeric: true },
          {
            label: 'Share',
            render: (r) => `${total ? ((r.requests / total) * 100).toFixed(1) : 0}%`,
            width: '4rem',
            numeric: true,
          },
          // Narrow screens keep the key, requests and share.
          ...(p.dim === 'ip' || narrow
            ? []
            : [{ label: 'IPs', render: (r: BreakdownRow) => num(r.ips), width: '4.5rem', numeric: true }]),
          ...(narrow
            ? []
            : [{ label: 'Bytes', render: (r: BreakdownRow) => bytes(r.bytes), width: '5.5rem', numeric: true }]),
        ]}
      />
    </section>
  );
}

export function Breakdowns(p: Props) {
  return (
    <div className="grid-2">
      {BREAKDOWNS.map((b) => (
        <Breakdown key={b.dim} {...p} dim={b.dim} label={b.label} />
      ))}
    </div>
  );
}
