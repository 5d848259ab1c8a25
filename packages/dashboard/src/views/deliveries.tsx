/**
 * Alert deliveries: every message queued for Slack, e-mail, webhooks and the rest, newest first, with
 * attempts, the next retry and the last error, so a channel that silently fails shows here. The server
 * keeps the undelivered ones and the last finished ones.
 */
import { useState } from 'react';
import { alerts, type Delivery, type DeliveryCounters } from '../api/team.js';
import { useApi } from '../api/use-api.js';
import { num, time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';

const FILTERS = {
  all: () => true,
  failed: (d: Delivery) => d.status === 'failed' || (d.status === 'pending' && d.attempts > 0),
  waiting: (d: Delivery) => d.status === 'pending' || d.status === 'collecting',
  delivered: (d: Delivery) => d.status === 'delivered',
} as const;
type Filter = keyof typeof FILTERS;
const LABELS: Record<Filter, string> = {
  all: 'All',
  failed: 'Failed or retrying',
  waiting: 'Waiting',
  delivered: 'Delivered',
};

function when(d: Delivery): string {
  if (d.status === 'delivered') return `delivered ${time(d.deliveredAt ?? d.updatedAt)}`;
  if (d.status === 'failed') return `gave up ${time(d.updatedAt)}`;
  return `next ${time(d.nextAt)}`;
}

function Counters({ c }: { c: DeliveryCounters }) {
  return (
    <p className="muted small" data-testid="delivery-counters">
      Since the server started: {num(c.emitted)} alerts, {num(c.delivered)} delivered, {num(c.retried)} retried,{' '}
      {num(c.failed)} given up, {num(c.duplicates)} duplicates skipped, {num(c.digested)} folded into digests,{' '}
      {num(c.dropped)} dropped (queue full).
    </p>
  );
}

export function DeliveriesView() {
  const list = useApi(() => alerts.deliveries(), 'deliveries');
  const [filter, setFilter] = useState<Filter>('all');
  const all = list.data?.deliveries ?? [];
  const rows = all.filter(FILTERS[filter]);
  const failed = all.filter(FILTERS.failed).length;
  return (
    <div className="stack">
      <h2>Alert deliveries</h2>
      <fieldset className="toolbar" aria-label="Show deliveries">
        {(Object.keys(FILTERS) as Filter[]).map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {LABELS[f]}
          </button>
        ))}
        <button type="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
        <span className={failed > 0 ? 'warn' : 'muted'} data-testid="delivery-summary">
          {num(all.length)} deliveries, {num(failed)} failed or retrying
        </span>
      </fieldset>
      {list.error ? <p className="error">{list.error}</p> : null}
      {list.data && !list.data.configured ? (
        <p className="muted">
          No alert channels are configured: add Slack, e-mail or webhook channels under <code>alerts.channels</code> in
          the configuration (see the alerts documentation). Approved abuse-report e-mails show here too.
        </p>
      ) : null}
      {list.data ? <Counters c={list.data.counters} /> : null}
      <VirtualTable<Delivery>
        label="Alert deliveries, newest first"
        rows={rows}
        rowKey={(d) => d.id}
        maxHeight={640}
        empty={
          list.data
            ? 'No deliveries: alerts are sent when a report is written or an automatic ban fires, to the channels in the configuration.'
            : 'Loading…'
        }
        columns={[
          { label: 'Queued', render: (d) => time(d.createdAt), width: '12.5rem' },
          { label: 'Channel', render: (d) => `${d.channel} (${d.channelType})`, width: 'minmax(0,0.9fr)' },
          { label: 'Event', render: (d) => d.eventType, width: '8rem' },
          { label: 'Title', render: (d) => d.title, width: 'minmax(0,1.3fr)' },
          { label: 'Status', render: (d) => d.status, width: '6rem' },
          { label: 'Tries', render: (d) => num(d.attempts), width: '3.5rem', numeric: true },
          { label: 'When', render: when, width: '17rem' },
          { label: 'Last error', render: (d) => d.lastError ?? '', width: 'minmax(0,1.3fr)' },
        ]}
      />
    </div>
  );
}
