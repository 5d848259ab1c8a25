/**
 * Impact simulation: pick entities (from a finding, a report, or typed by hand) and a range; see what a
 * ban would have blocked and whose traffic that was; then apply it as a ban with TTL, mode and reason.
 */
import { useState } from 'react';
import { findings, reports, simulation, traffic } from '../api/endpoints.js';
import type { Finding } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import type { Location } from '../router.js';
import { useCan } from '../session-context.js';
import { ApplyBan } from './apply-ban.js';
import { SimulationResultView } from './simulation-result.js';

const SPANS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 } as const;

/** The recommendation targets of findings (what their ban would be on). */
function targetsOf(fs: readonly Finding[]): string[] {
  return [...new Set(fs.map((f) => f.recommendation.target))];
}

export function SimulateView({ loc }: { loc: Location }) {
  const findingId = loc.query.get('finding');
  const reportId = loc.query.get('report');
  const all = useApi(() => findings.list(5000), 'findings');
  const report = useApi(() => (reportId ? reports.get(reportId) : Promise.resolve(undefined)), `r${reportId}`);
  const source: Finding[] = findingId
    ? (all.data?.findings ?? []).filter((f) => f.id === findingId)
    : (report.data?.report.findings.slice() ?? []);
  const loaded = findingId ? all.data !== undefined : reportId ? report.data !== undefined : true;
  if (!loaded) return <p className="muted">Loading…</p>;
  return <SimulateForm key={`${findingId}|${reportId}`} source={source} initial={targetsOf(source)} />;
}

function SimulateForm(p: { source: Finding[]; initial: string[] }) {
  const [text, setText] = useState(p.initial.join('\n'));
  const [span, setSpan] = useState<keyof typeof SPANS>('24h');
  const values = text
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const can = useCan();
  const [run, setRun] = useState<{ values: string[]; span: keyof typeof SPANS; n: number }>();
  const end = useApi(() => traffic.totals({ from: '0' }), 'end');
  const result = useApi(
    () =>
      run && end.data
        ? simulation.run({ values: run.values, from: Math.max(0, end.data.to - SPANS[run.span]), to: end.data.to })
        : Promise.resolve(undefined),
    `${JSON.stringify(run)}|${end.data?.to}`,
  );
  const first = p.source[0];
  return (
    <div className="stack">
      <h2>Impact simulation</h2>
      <section className="card stack">
        <label htmlFor="sim-values">Ban candidates: IP, CIDR, AS number (AS64496) or country code; one per line</label>
        <textarea
          id="sim-values"
          rows={Math.min(8, Math.max(3, values.length + 1))}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {p.source.length > 0 ? (
          <p className="muted small">
            From {p.source.length === 1 ? 'finding' : `${p.source.length} findings`}: {first?.summary}
          </p>
        ) : null}
        <div className="toolbar">
          <span>Range (ending at the newest stored event):</span>
          {Object.keys(SPANS).map((s) => (
            <button type="button" key={s} aria-pressed={span === s} onClick={() => setSpan(s as keyof typeof SPANS)}>
              {s}
            </button>
          ))}
          <button
            type="button"
            className="primary"
            disabled={values.length === 0}
            onClick={() => setRun({ values, span, n: (run?.n ?? 0) + 1 })}
          >
            Run simulation
          </button>
        </div>
      </section>
      {result.error ? <p className="error">{result.error}</p> : null}
      {run && result.loading ? <p className="muted">Simulating…</p> : null}
      {result.data && run ? (
        <>
          <SimulationResultView answer={result.data} values={run.values} />
          {can('bans:write') ? <ApplyBan values={run.values} finding={first} /> : null}
        </>
      ) : null}
    </div>
  );
}
