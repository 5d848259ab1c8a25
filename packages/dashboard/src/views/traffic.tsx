/**
 * Traffic: requests per second over a range (last hour to 30 days, drag to zoom), by status class, with
 * the selection (flagged clients, a finding, a report or clicked rows) drawn over it as its share, and
 * breakdown tables filtered by everything chosen. All state is in the URL.
 */
import { type Dimension, findings as findingsApi, reports, traffic } from '../api/endpoints.js';
import type { Finding, Report } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { href, type Location, navigate } from '../router.js';
import { num, pct, time } from '../ui/format.js';
import { Breakdowns } from './breakdowns.js';
import { FirstRun } from './first-run.js';
import { TrafficChart } from './traffic-chart.js';
import {
  DIM_FILTERS,
  dimensionFilter,
  ENTITY_PARAMS,
  type EntityParam,
  entityQuery,
  findingEntities,
  hasEntities,
  listOf,
  RANGES,
  ROW_FILTER,
  rangeOf,
} from './traffic-query.js';

export function TrafficView({ loc }: { loc: Location }) {
  const q = loc.query;
  const end = useApi(() => traffic.totals({ from: '0' }), 'end');
  // The findings themselves only when the selection needs them; otherwise just their number (the list
  // can be large, and the traffic queries should not wait behind its serialization).
  const needFindings = q.get('flagged') === '1' || q.get('finding') !== null;
  const found = useApi(() => findingsApi.list(needFindings ? 5000 : 1), `findings${needFindings}`);
  const reportId = q.get('report');
  const report = useApi(() => (reportId ? reports.get(reportId) : Promise.resolve(undefined)), `report:${reportId}`);
  if (end.error) return <p className="error">{end.error}</p>;
  if (!end.data) return <p className="muted">Loading…</p>;
  if (end.data.all.requests === 0) return <FirstRun />;
  return (
    <TrafficBody
      loc={loc}
      end={end.data.to}
      all={needFindings ? (found.data?.findings ?? []) : []}
      flaggedCount={found.data?.total}
      report={report.data?.report}
    />
  );
}

function TrafficBody({
  loc,
  end,
  all,
  flaggedCount,
  report,
}: {
  loc: Location;
  end: number;
  all: readonly Finding[];
  flaggedCount: number | undefined;
  report: Report | undefined;
}) {
  const q = loc.query;
  const reportId = q.get('report');
  const range = rangeOf(q, end);
  const set = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    q.forEach((v, k) => {
      next[k] = v;
    });
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') delete next[k];
      else next[k] = v;
    }
    navigate(href('/traffic', next));
  };

  // The selection: clicked entities, plus the flagged subset, a finding or a report.
  const entities = Object.fromEntries(ENTITY_PARAMS.map((k) => [k, listOf(q, k)])) as Record<EntityParam, string[]>;
  const findingId = q.get('finding');
  const source = findingId
    ? all.filter((f) => f.id === findingId)
    : reportId
      ? (report?.findings ?? [])
      : q.get('flagged') === '1'
        ? all
        : [];
  const fromFindings = findingEntities(source);
  for (const k of ENTITY_PARAMS) entities[k] = [...new Set([...entities[k], ...fromFindings[k]])];
  const selected = hasEntities(entities);
  const { query: eq, truncated } = entityQuery(entities);
  const base = { from: String(range.from), to: String(range.to), ...dimensionFilter(q) };
  const withSel = { ...base, ...eq };
  const baseKey = JSON.stringify(base);
  const selKey = JSON.stringify(withSel);

  const series = useApi(() => traffic.series(base), baseKey);
  const overlay = useApi(() => (selected ? traffic.series(withSel) : Promise.resolve(undefined)), `o${selKey}`);
  const totals = useApi(() => traffic.totals(withSel), `t${selKey}`);

  const label = findingId ? 'finding' : reportId ? 'report' : q.get('flagged') === '1' ? 'flagged' : 'selection';
  const pick = (dim: Dimension, key: string) => {
    const param = ROW_FILTER[dim] ?? dim;
    if ((ENTITY_PARAMS as readonly string[]).includes(param)) {
      const cur = listOf(q, param);
      set({ [param]: (cur.includes(key) ? cur.filter((x) => x !== key) : [...cur, key]).join(',') });
    } else set({ [param]: q.get(param) === key ? undefined : key });
  };
  const isSel = (dim: Dimension, key: string) => {
    const param = ROW_FILTER[dim] ?? dim;
    return (ENTITY_PARAMS as readonly string[]).includes(param) ? listOf(q, param).includes(key) : q.get(param) === key;
  };
  const chips = [...DIM_FILTERS, ...ENTITY_PARAMS].flatMap((k) => (q.get(k) ? [[k, q.get(k) as string] as const] : []));

  return (
    <div className="stack">
      <div className="toolbar" role="toolbar" aria-label="Traffic range and mode">
        {Object.keys(RANGES).map((r) => (
          <button
            type="button"
            key={r}
            aria-pressed={!q.get('from') && (q.get('range') ?? '24h') === r}
            onClick={() => set({ range: r, from: undefined, to: undefined })}
          >
            {r}
          </button>
        ))}
        <span className="sep" />
        <button type="button" aria-pressed={q.get('mode') !== 'split'} onClick={() => set({ mode: undefined })}>
          Stacked
        </button>
        <button type="button" aria-pressed={q.get('mode') === 'split'} onClick={() => set({ mode: 'split' })}>
          Split
        </button>
        <span className="sep" />
        <label className="check">
          <input
            type="checkbox"
            checked={q.get('flagged') === '1'}
            onChange={(e) => set({ flagged: e.target.checked ? '1' : undefined })}
          />
          Flagged only ({num(flaggedCount)} findings)
        </label>
      </div>
      <div className="chips">
        <span className="muted">
          {time(range.from)} → {time(range.to)}
        </span>
        {findingId ? <Chip label={`finding ${findingId}`} onRemove={() => set({ finding: undefined })} /> : null}
        {reportId ? <Chip label={`report ${reportId}`} onRemove={() => set({ report: undefined })} /> : null}
        {chips.map(([k, v]) => (
          <Chip
            key={k}
            label={`${k} = ${v.length > 80 ? `${v.slice(0, 80)}…` : v}`}
            onRemove={() => set({ [k]: undefined })}
          />
        ))}
        {chips.length + (findingId ? 1 : 0) + (reportId ? 1 : 0) > 0 || q.get('from') ? (
          <button type="button" className="link" onClick={() => navigate('/traffic')}>
            Clear all
          </button>
        ) : null}
      </div>
      <section className="card">
        <div className="figures" data-testid="traffic-figures">
          <Figure label="Requests" value={num(totals.data?.all.requests)} />
          <Figure label="Clients" value={num(totals.data?.all.ips)} />
          {selected ? (
            <Figure
              label={`From ${label}`}
              value={`${num(totals.data?.selected.requests)} (${pct(totals.data?.share)})`}
            />
          ) : null}
          {truncated ? <span className="warn">Selection too long for one query: the first part is shown.</span> : null}
        </div>
        {series.error ? <p className="error">{series.error}</p> : null}
        {series.data ? (
          <TrafficChart
            series={series.data}
            overlay={overlay.data}
            overlayLabel={label}
            mode={q.get('mode') === 'split' ? 'split' : 'stacked'}
            onZoom={(from, to) => set({ from: String(from), to: String(to), range: undefined })}
          />
        ) : (
          <div className="chart placeholder">Loading…</div>
        )}
        <p className="muted small">
          Drag across the chart to zoom. Click a row below to filter by it; click again to remove.
        </p>
      </section>
      <Breakdowns query={withSel} queryKey={selKey} isSelected={isSel} onPick={pick} />
    </div>
  );
}

function Chip(p: { label: string; onRemove: () => void }) {
  return (
    <span className="chip">
      {p.label}
      <button type="button" aria-label={`Remove filter ${p.label}`} onClick={p.onRemove}>
        ×
      </button>
    </span>
  );
}

function Figure(p: { label: string; value: string }) {
  return (
    <div className="figure">
      <span className="muted small">{p.label}</span>
      <strong>{p.value}</strong>
    </div>
  );
}
