/**
 * Usage (admin, billing): stored requests per service and UTC day (by the events' own timestamps), the
 * disk the data directory takes, and the retention in force, from GET /api/v1/usage; with retention:write
 * (admin, billing) a form changes the retention limits (PUT /api/v1/retention).
 */
import { type FormEvent, useState } from 'react';
import { type Usage, usage } from '../api/team.js';
import { useApi } from '../api/use-api.js';
import { useCan } from '../session-context.js';
import { AlertText } from '../ui/alert-text.js';
import { bytes, num, time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';

const SPANS = [7, 30, 90] as const;

type DayRow = { readonly day: string; readonly total: number; readonly byService: ReadonlyMap<string, number> };

/** One row per day (newest first), one column per service. */
function dayRows(u: Usage): DayRow[] {
  const days = new Map<string, Map<string, number>>();
  for (const s of u.services)
    for (const d of s.days) {
      const row = days.get(d.day) ?? new Map<string, number>();
      row.set(s.service, (row.get(s.service) ?? 0) + d.events);
      days.set(d.day, row);
    }
  return [...days]
    .map(([day, byService]) => ({ day, byService, total: [...byService.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.day.localeCompare(a.day));
}

function retentionText(r: Usage['retention']): string {
  if (!r) return 'not set: events are kept until the disk fills';
  const parts = [
    // 0 means no limit for both.
    r.maxAgeDays ? `events older than ${num(r.maxAgeDays)} days are deleted` : 'no age limit',
    r.maxEvents ? `at most ${num(r.maxEvents)} events are kept` : 'no count limit',
    r.everyMinutes !== undefined ? `checked every ${num(r.everyMinutes)} min` : undefined,
  ].filter((x) => x !== undefined);
  const text = parts.length ? parts.join('; ') : 'no limits set';
  return r.source === 'api' ? `${text} (set here; overrides the config file)` : text;
}

/** Changing the retention limits: 0 = no limit; "Use the config file's" drops a change made here. */
function RetentionForm({ current, onSaved }: { current: Usage['retention']; onSaved(): void }) {
  const [maxAgeDays, setMaxAgeDays] = useState(String(current?.maxAgeDays ?? 0));
  const [maxEvents, setMaxEvents] = useState(String(current?.maxEvents ?? 0));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async (change: { maxAgeDays: number; maxEvents: number } | 'reset') => {
    setBusy(true);
    setError(undefined);
    try {
      await usage.setRetention(change);
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ maxAgeDays: Number(maxAgeDays), maxEvents: Number(maxEvents) });
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Retention limits">
      <h3>Change retention</h3>
      <label htmlFor="retention-days">Delete events older than (days, 0 = no limit)</label>
      <input
        id="retention-days"
        type="number"
        min={0}
        step="any"
        value={maxAgeDays}
        onChange={(e) => setMaxAgeDays(e.target.value)}
        required
      />
      <label htmlFor="retention-events">Keep at most (events, 0 = no limit)</label>
      <input
        id="retention-events"
        type="number"
        min={0}
        step={1}
        value={maxEvents}
        onChange={(e) => setMaxEvents(e.target.value)}
        required
      />
      <p className="muted small">Applies at the next retention run; deleted events cannot be brought back.</p>
      <AlertText error={error} />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          Save retention
        </button>
        {current?.source === 'api' ? (
          <button type="button" disabled={busy} onClick={() => void save('reset')}>
            Use the config file's
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function UsageView() {
  const [days, setDays] = useState<number>(30);
  const { data, error, reload } = useApi(() => usage.get(days), `usage${days}`);
  const can = useCan();
  const services = data?.services.map((s) => s.service) ?? [];
  return (
    <div className="stack">
      <h2>Usage</h2>
      <fieldset className="toolbar" aria-label="Days shown">
        {SPANS.map((d) => (
          <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)}>
            {d} days
          </button>
        ))}
      </fieldset>
      {error ? <p className="error">{error}</p> : null}
      {data ? (
        <>
          <dl className="kv" data-testid="usage-figures">
            <dt>Stored requests</dt>
            <dd>
              {num(data.events)} from {time(data.from).slice(0, 10)} to {time(data.to - 1).slice(0, 10)} (UTC days)
            </dd>
            <dt>Disk used</dt>
            <dd>{data.storage ? bytes(data.storage.bytes) : 'unknown'}</dd>
            <dt>Retention</dt>
            <dd data-testid="retention-text">{retentionText(data.retention)}</dd>
          </dl>
          {can('retention:write') && data.retention ? (
            <RetentionForm
              key={`${data.retention.source}${data.retention.maxAgeDays}/${data.retention.maxEvents}`}
              current={data.retention}
              onSaved={reload}
            />
          ) : null}
          <h3>Requests per service</h3>
          <VirtualTable
            label="Requests per service"
            rows={data.services}
            rowKey={(s) => s.service}
            empty="No stored requests in these days."
            columns={[
              { label: 'Service', render: (s) => s.service, width: 'minmax(0,1fr)' },
              { label: 'Requests', render: (s) => num(s.events), width: '9rem', numeric: true },
              {
                label: 'Share',
                render: (s) => (data.events ? `${((s.events / data.events) * 100).toFixed(1)}%` : '–'),
                width: '6rem',
                numeric: true,
              },
            ]}
          />
          <h3>Requests per day</h3>
          <VirtualTable<DayRow>
            label="Requests per day"
            rows={dayRows(data).filter((r) => r.total > 0)}
            rowKey={(r) => r.day}
            maxHeight={480}
            empty="No stored requests in these days."
            columns={[
              { label: 'Day (UTC)', render: (r) => r.day, width: '7rem' },
              { label: 'All', render: (r) => num(r.total), width: 'minmax(0,1fr)', numeric: true },
              ...services.map((s) => ({
                label: s,
                render: (r: DayRow) => num(r.byService.get(s) ?? 0),
                width: 'minmax(0,1fr)',
                numeric: true,
              })),
            ]}
          />
          {data.storage ? (
            <>
              <h3>Disk</h3>
              <VirtualTable
                label="Data directory"
                rows={data.storage.files}
                rowKey={(f) => f.name}
                columns={[
                  { label: 'Entry', render: (f) => f.name, width: 'minmax(0,1fr)' },
                  { label: 'Size', render: (f) => bytes(f.bytes), width: '8rem', numeric: true },
                ]}
              />
            </>
          ) : null}
        </>
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </div>
  );
}
