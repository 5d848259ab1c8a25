/**
 * One finding: why (signals against thresholds), who (enrichment), what (evidence lines), when (activity
 * timeline of its entities), and the recommendation, with the way to simulate and apply it.
 */
import { findings, traffic } from '../api/endpoints.js';
import type { Finding } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { href } from '../router.js';
import { useCan } from '../session-context.js';
import { TimeChart } from '../ui/chart.js';
import { duration, num, time } from '../ui/format.js';
import { Link } from '../ui/link.js';
import { VirtualTable } from '../ui/table.js';
import { entityQuery, findingEntities } from './traffic-query.js';

export function FindingView({ id }: { id: string }) {
  const { data, error } = useApi(() => findings.list(5000), 'findings');
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const f = data.findings.find((x) => x.id === id);
  if (!f) return <p className="muted">This finding is no longer current (findings follow the detection windows).</p>;
  return <FindingDetail f={f} />;
}

function FindingDetail({ f }: { f: Finding }) {
  const e = f.enrichment;
  const r = f.recommendation;
  const can = useCan();
  return (
    <div className="stack">
      <div className="title-row">
        <h2>
          {f.category} · {f.entity.kind} <span className="mono">{f.entity.value}</span>
        </h2>
        <span className={`score s${Math.round(f.score * 10)}`}>score {f.score.toFixed(2)}</span>
      </div>
      <p>{f.summary}</p>
      <div className="toolbar">
        {can('simulate:run') ? (
          <Link to={href('/simulate', { finding: f.id })} className="button primary">
            Simulate {r.action === 'throttle' ? 'throttle' : 'ban'}
          </Link>
        ) : null}
        <Link to={href('/traffic', { finding: f.id })} className="button">
          Show on traffic
        </Link>
      </div>
      <div className="grid-2">
        <section className="card">
          <h3>Recommendation</h3>
          <dl className="kv">
            <dt>Action</dt>
            <dd>{r.action}</dd>
            <dt>Target</dt>
            <dd className="mono">
              {r.scope} {r.target}
            </dd>
            <dt>Duration</dt>
            <dd>{duration(r.ttlSeconds)}</dd>
            <dt>Reason</dt>
            <dd>{r.reason}</dd>
            <dt>Abuse report</dt>
            <dd>{r.abuseReport ? 'yes' : 'no'}</dd>
          </dl>
        </section>
        <section className="card">
          <h3>Who</h3>
          <dl className="kv">
            <dt>Network</dt>
            <dd>{e.asn !== undefined ? `AS${e.asn} ${e.org ?? ''}` : '–'}</dd>
            <dt>Prefix</dt>
            <dd className="mono">{e.prefix ?? '–'}</dd>
            <dt>Country</dt>
            <dd>{e.country ?? '–'}</dd>
            <dt>Network type</dt>
            <dd>{e.networkType ?? '–'}</dd>
            <dt>Abuse contact</dt>
            <dd className="mono">{e.abuseContact ?? '–'}</dd>
            <dt>Crawler</dt>
            <dd>{e.crawler ? `${e.crawler.family} (${e.crawler.verified ? 'verified' : 'not verified'})` : '–'}</dd>
            <dt>Seen</dt>
            <dd>
              {time(f.first_seen)} → {time(f.last_seen)}, {num(f.requests)} requests
            </dd>
            <dt>Detector</dt>
            <dd>
              {f.detector} · service {f.service} · confidence {f.confidence.toFixed(2)}
            </dd>
          </dl>
        </section>
      </div>
      <section className="card">
        <h3>Signals</h3>
        <VirtualTable
          label="Signals"
          rows={f.signals}
          rowKey={(s) => s.name}
          columns={[
            { label: 'Signal', render: (s) => s.name, width: '12rem' },
            { label: 'Value', render: (s) => num(Number(s.value.toFixed(3))), width: '6rem', numeric: true },
            { label: 'Threshold', render: (s) => `${s.op} ${num(s.threshold)}`, width: '7rem', numeric: true },
            { label: 'Weight', render: (s) => s.weight.toFixed(2), width: '5rem', numeric: true },
            { label: 'Window', render: (s) => s.window, width: '5rem' },
            { label: 'What', render: (s) => s.description, width: 'minmax(0,1fr)' },
          ]}
        />
      </section>
      <Timeline f={f} />
      <section className="card">
        <h3>Evidence</h3>
        {f.evidence.length === 0 ? <p className="muted">No evidence lines kept.</p> : null}
        <ol className="evidence">
          {f.evidence.map((l) => (
            <li key={`${l.source}:${l.line}`}>
              <span className="muted small">
                {l.source}:{l.line}
              </span>
              <pre>{l.text}</pre>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Timeline({ f }: { f: Finding }) {
  const first = Date.parse(f.first_seen);
  const last = Date.parse(f.last_seen);
  const pad = Math.max(600_000, (last - first) * 0.2);
  const { query } = entityQuery(findingEntities([f]));
  const q = { ...query, from: String(Math.floor(first - pad)), to: String(Math.ceil(last + pad)), service: f.service };
  const { data } = useApi(() => traffic.series(q), `tl${f.id}`);
  return (
    <section className="card">
      <h3>Activity</h3>
      {data ? (
        <TimeChart
          label="Requests per minute from this finding's clients"
          height={160}
          times={data.points.map((p) => p.t)}
          series={[
            {
              label: 'requests/min',
              values: data.points.map((p) => (p.requests * 60_000) / data.stepMs),
              color: '#b4236c',
              fill: true,
            },
          ]}
        />
      ) : (
        <div className="chart placeholder small">Loading…</div>
      )}
    </section>
  );
}
