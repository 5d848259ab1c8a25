/** Findings: the detection engine's current findings, filterable by service, category and score. */
import { findings } from '../api/endpoints.js';
import type { Finding } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { href, type Location, navigate } from '../router.js';
import { num, time } from '../ui/format.js';
import { pathOf } from '../ui/link.js';
import { VirtualTable } from '../ui/table.js';

export function FindingsView({ loc }: { loc: Location }) {
  const { data, error } = useApi(() => findings.list(5000), 'findings');
  const q = loc.query;
  const service = q.get('service') ?? '';
  const category = q.get('category') ?? '';
  const minScore = Number(q.get('minScore') ?? 0);
  const all = data?.findings ?? [];
  const services = [...new Set(all.map((f) => f.service))].sort();
  const categories = [...new Set(all.map((f) => f.category))].sort();
  const rows = all.filter(
    (f) => (!service || f.service === service) && (!category || f.category === category) && f.score >= minScore,
  );
  const set = (k: string, v: string) => {
    const next = Object.fromEntries(q.entries());
    navigate(href('/findings', { ...next, [k]: v }), true);
  };
  return (
    <div className="stack">
      <h2>Findings</h2>
      <div className="toolbar">
        <label>
          Service{' '}
          <select value={service} onChange={(e) => set('service', e.target.value)}>
            <option value="">all</option>
            {services.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Category{' '}
          <select value={category} onChange={(e) => set('category', e.target.value)}>
            <option value="">all</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Score ≥{' '}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={minScore}
            onChange={(e) => set('minScore', e.target.value)}
            className="narrow"
          />
        </label>
        <span className="muted">
          {num(rows.length)} of {num(all.length)}
        </span>
      </div>
      {error ? <p className="error">{error}</p> : null}
      <VirtualTable<Finding>
        label="Findings"
        rows={rows}
        rowKey={(f) => f.id}
        onActivate={(f) => navigate(pathOf('/findings', f.id))}
        maxHeight={640}
        empty={data ? 'No findings match.' : 'Loading…'}
        columns={[
          { label: 'Score', render: (f) => f.score.toFixed(2), width: '4rem', numeric: true },
          { label: 'Category', render: (f) => f.category, width: '10rem' },
          { label: 'Service', render: (f) => f.service, width: '8rem' },
          { label: 'Entity', render: (f) => `${f.entity.kind} ${f.entity.value}`, width: 'minmax(0,1fr)' },
          { label: 'Requests', render: (f) => num(f.requests), width: '6rem', numeric: true },
          { label: 'Action', render: (f) => f.recommendation.action, width: '5.5rem' },
          { label: 'Last seen', render: (f) => time(f.last_seen), width: '12.5rem' },
        ]}
      />
    </div>
  );
}
