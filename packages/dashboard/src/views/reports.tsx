/** Reports: the list, and one report with its items approved or dismissed, in part or whole. */
import { useState } from 'react';
import { reports } from '../api/endpoints.js';
import type { Report, ReportItem } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { href, navigate } from '../router.js';
import { useCan } from '../session-context.js';
import { AlertText } from '../ui/alert-text.js';
import { duration, num, time } from '../ui/format.js';
import { Link, pathOf } from '../ui/link.js';
import { VirtualTable } from '../ui/table.js';

export function ReportsView() {
  const { data, error } = useApi(() => reports.list(), 'reports');
  type Brief = NonNullable<typeof data>['reports'][number];
  return (
    <div className="stack">
      <h2>Reports</h2>
      {error ? <p className="error">{error}</p> : null}
      <VirtualTable<Brief>
        label="Reports"
        rows={data?.reports ?? []}
        rowKey={(r) => r.id}
        onActivate={(r) => navigate(pathOf('/reports', r.id))}
        maxHeight={640}
        empty={
          data ? 'No reports yet: the detection cycle writes one per service when it finds something.' : 'Loading…'
        }
        columns={[
          { label: 'Created', render: (r) => time(r.createdAt), width: '12.5rem' },
          { label: 'Service', render: (r) => r.service, width: '8rem' },
          { label: 'Status', render: (r) => r.status, width: '6rem' },
          { label: 'Findings', render: (r) => num(r.findings), width: '5.5rem', numeric: true },
          { label: 'Items', render: (r) => num(r.items.length), width: '4.5rem', numeric: true },
          { label: 'Summary', render: (r) => r.summary, width: 'minmax(0,1fr)' },
        ]}
      />
    </div>
  );
}

export function ReportView({ id }: { id: string }) {
  const { data, error, reload } = useApi(() => reports.get(id), `report${id}`);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  return <ReportDetail report={data.report} reload={reload} />;
}

function ReportDetail({ report, reload }: { report: Report; reload: () => void }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const can = useCan();
  const decides = can('reports:decide');
  const pending = report.items.filter((i) => i.decision === 'pending');
  const decide = async (how: 'approve' | 'dismiss', ids: string[] | undefined) => {
    setError(undefined);
    try {
      await (how === 'approve' ? reports.approve : reports.dismiss)(report.id, ids, note.trim() || undefined);
      setChosen(new Set());
      reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const toggle = (i: ReportItem) => {
    if (i.decision !== 'pending') return;
    const next = new Set(chosen);
    if (next.has(i.id)) next.delete(i.id);
    else next.add(i.id);
    setChosen(next);
  };
  return (
    <div className="stack">
      <h2>
        Report · {report.service} · {report.status}
      </h2>
      <p>{report.summary}</p>
      <p className="muted small">
        {time(report.from)} → {time(report.to)}; {report.findings.length} findings, {report.abuseDrafts.length} abuse
        drafts
      </p>
      <div className="toolbar">
        <Link to={href('/traffic', { report: report.id })} className="button">
          Show on traffic
        </Link>
        {can('simulate:run') ? (
          <Link to={href('/simulate', { report: report.id })} className="button">
            Simulate all
          </Link>
        ) : null}
      </div>
      <VirtualTable<ReportItem>
        label={decides ? 'Report items (select pending items to decide them)' : 'Report items'}
        rows={report.items}
        rowKey={(i) => i.id}
        {...(decides ? { onActivate: toggle, isSelected: (i: ReportItem) => chosen.has(i.id) } : {})}
        columns={[
          { label: 'Decision', render: (i) => i.decision, width: '6rem' },
          { label: 'Action', render: (i) => i.recommendation.action, width: '5rem' },
          {
            label: 'Target',
            render: (i) => `${i.recommendation.scope} ${i.recommendation.target}`,
            width: 'minmax(0,1fr)',
          },
          { label: 'For', render: (i) => duration(i.recommendation.ttlSeconds), width: '5rem' },
          { label: 'Reason', render: (i) => i.recommendation.reason, width: 'minmax(0,1.4fr)' },
          { label: 'Findings', render: (i) => num(i.findingIds.length), width: '5rem', numeric: true },
        ]}
      />
      {decides ? (
        <div className="toolbar">
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Note (optional)"
            aria-label="Decision note"
          />
          <button
            type="button"
            className="primary"
            disabled={chosen.size === 0}
            onClick={() => decide('approve', [...chosen])}
          >
            Approve selected ({chosen.size})
          </button>
          <button type="button" disabled={chosen.size === 0} onClick={() => decide('dismiss', [...chosen])}>
            Dismiss selected
          </button>
          <button
            type="button"
            className="primary"
            disabled={pending.length === 0}
            onClick={() => decide('approve', undefined)}
          >
            Approve all pending ({pending.length})
          </button>
          <button type="button" disabled={pending.length === 0} onClick={() => decide('dismiss', undefined)}>
            Dismiss all pending
          </button>
        </div>
      ) : (
        <p className="muted small" data-testid="read-only">
          Read-only: your account can look at reports but not approve or dismiss them.
        </p>
      )}
      <AlertText error={error} />
      <h3>Findings</h3>
      <ul className="plain">
        {report.findings.map((f) => (
          <li key={f.id}>
            <Link to={pathOf('/findings', f.id)}>
              {f.category} · {f.entity.kind} {f.entity.value}
            </Link>{' '}
            <span className="muted">
              score {f.score.toFixed(2)} · {num(f.requests)} requests
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
