/** What a simulated ban set blocks: figures, the verdict, the chart with the blocked part, top affected. */

import { traffic } from '../api/endpoints.js';
import type { SimulationResult } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { TimeChart } from '../ui/chart.js';
import { num, pct, time } from '../ui/format.js';
import { entityQuery } from './traffic-query.js';

/** Splits candidate values into the traffic API's entity lists (same rules as the ban API's kinds). */
export function entityLists(values: readonly string[]) {
  const e = { ip: [] as string[], cidr: [] as string[], asn: [] as string[], country: [] as string[] };
  for (const v of values) {
    if (/^AS\d+$/i.test(v)) e.asn.push(v.slice(2));
    else if (/^[A-Za-z]{2}$/.test(v)) e.country.push(v.toUpperCase());
    else if (v.includes('/')) e.cidr.push(v);
    else e.ip.push(v);
  }
  return e;
}

interface Answer {
  readonly range: { from: number; to: number };
  readonly result: SimulationResult;
}

export function SimulationResultView({ answer, values }: { answer: Answer; values: string[] }) {
  const r = answer.result;
  const range = { from: String(answer.range.from), to: String(answer.range.to) };
  const blockedQ = { ...range, ...entityQuery(entityLists(values)).query };
  const key = JSON.stringify(blockedQ);
  const total = useApi(() => traffic.series(range), `st${key}`);
  const blocked = useApi(() => traffic.series(blockedQ), `sb${key}`);
  const chart =
    total.data && blocked.data
      ? (() => {
          const perS = 1000 / (total.data?.stepMs ?? 1000);
          const byT = new Map(blocked.data.points.map((p) => [p.t, p.requests * perS]));
          const times = total.data.points.map((p) => p.t);
          return (
            <TimeChart
              label="Requests per second, with the part the ban would block"
              times={times}
              yLabel="req/s"
              series={[
                { label: 'all', values: total.data.points.map((p) => p.requests * perS), color: '#3b82c4', fill: true },
                { label: 'blocked', values: times.map((t) => byT.get(t) ?? 0), color: '#c9434a', fill: true },
              ]}
            />
          );
        })()
      : null;
  return (
    <section className="card stack" data-testid="simulation-result">
      <div className={`verdict ${r.verdict.level}`} role="status">
        <strong>{r.verdict.level.toUpperCase()}</strong> {r.verdict.text}
      </div>
      <div className="figures">
        <Fig label="Blocked requests" value={`${num(r.blocked.requests)} (${pct(r.blocked.share)})`} />
        <Fig label="Blocked clients" value={num(r.blocked.addresses)} />
        <Fig
          label="Of which unflagged"
          value={`${num(r.unflagged.requests)} req · ${num(r.unflagged.addresses)} clients (${pct(r.unflagged.share)})`}
        />
        <Fig label="Verified crawlers" value={`${num(r.verifiedCrawlers.requests)} req`} />
        <Fig label="Allowlisted (not blocked)" value={`${num(r.allowlisted.requests)} req`} />
        <Fig label="Total in range" value={`${num(r.total.requests)} req`} />
      </div>
      <p className="muted small">
        {time(answer.range.from)} → {time(answer.range.to)}; ban {num(r.blocked.byMode.ban)}, throttle{' '}
        {num(r.blocked.byMode.throttle)}
        {r.flaggedKnown ? '' : '; flagged clients unknown (no findings), so "unflagged" counts everything'}
      </p>
      {chart ?? <div className="chart placeholder">Loading chart…</div>}
      <div className="grid-3">
        <Top title="Affected paths" items={r.top.paths} />
        <Top title="Affected hosts" items={r.top.hosts} />
        <Top title="Affected countries" items={r.top.countries} />
      </div>
    </section>
  );
}

function Fig(p: { label: string; value: string }) {
  return (
    <div className="figure">
      <span className="muted small">{p.label}</span>
      <strong>{p.value}</strong>
    </div>
  );
}

function Top(p: { title: string; items: readonly { value: string; requests: number }[] }) {
  return (
    <div>
      <h4>{p.title}</h4>
      <ol className="toplist">
        {p.items.slice(0, 10).map((i) => (
          <li key={i.value}>
            <span className="mono">{i.value}</span> <span className="muted">{num(i.requests)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
