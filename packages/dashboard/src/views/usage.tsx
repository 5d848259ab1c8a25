/**
 * Usage (admin, billing): stored events per service and day, storage used and the retention in force,
 * from GET /api/v1/usage. Rendered from the answer's own fields: lists become tables, the rest a list of
 * figures (byte counts shown as sizes).
 */
import { usage } from '../api/team.js';
import { useApi } from '../api/use-api.js';
import { bytes, num, time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';

type Row = Readonly<Record<string, unknown>>;

const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');

function show(key: string, v: unknown): string {
  if (typeof v === 'number') {
    if (/bytes/i.test(key)) return bytes(v);
    if (/(At|^from|^to|time|ts)$/.test(key) && v > 1e12) return time(v);
    return num(v);
  }
  if (v === null || v === undefined) return '–';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function Figures(p: { value: Row }) {
  return (
    <dl className="kv">
      {Object.entries(p.value).map(([k, v]) => (
        <FigureRow key={k} name={k} value={v} />
      ))}
    </dl>
  );
}

function FigureRow(p: { name: string; value: unknown }) {
  return (
    <>
      <dt>{words(p.name)}</dt>
      <dd>{show(p.name, p.value)}</dd>
    </>
  );
}

function Table(p: { name: string; rows: readonly Row[] }) {
  const keys = [...new Set(p.rows.flatMap((r) => Object.keys(r)))];
  return (
    <VirtualTable<Row>
      label={words(p.name)}
      rows={p.rows}
      rowKey={(r) => keys.map((k) => String(r[k])).join('|')}
      maxHeight={480}
      columns={keys.map((k) => ({
        label: words(k),
        render: (r: Row) => show(k, r[k]),
        numeric: typeof p.rows[0]?.[k] === 'number',
        width: 'minmax(0,1fr)',
      }))}
    />
  );
}

const isRows = (v: unknown): v is Row[] =>
  Array.isArray(v) && v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r));

export function UsageView() {
  const { data, error } = useApi(() => usage.get(), 'usage');
  const answer = (data ?? {}) as Row;
  const tables = Object.entries(answer).filter(([, v]) => isRows(v)) as [string, Row[]][];
  const groups = Object.entries(answer).filter(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v)) as [
    string,
    Row,
  ][];
  const scalars = Object.fromEntries(Object.entries(answer).filter(([, v]) => typeof v !== 'object' || v === null));
  return (
    <div className="stack">
      <h2>Usage</h2>
      {error ? <p className="error">{error}</p> : null}
      {!data && !error ? <p className="muted">Loading…</p> : null}
      {Object.keys(scalars).length ? <Figures value={scalars} /> : null}
      {groups.map(([name, value]) => (
        <section key={name} className="card stack" aria-label={words(name)}>
          <h3>{words(name)}</h3>
          <Figures value={value} />
        </section>
      ))}
      {tables.map(([name, rows]) => (
        <section key={name} className="stack">
          <h3>{words(name)}</h3>
          <Table name={name} rows={rows} />
        </section>
      ))}
    </div>
  );
}
