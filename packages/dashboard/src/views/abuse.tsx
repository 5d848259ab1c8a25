/**
 * Abuse reports: the drafts the reports prepared for network owners, to review and send from your own
 * mail (Rampart does not send mail). Contacts are shown as text, never as links: they come from registries.
 */
import { reports } from '../api/endpoints.js';
import type { AbuseDraft } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { CopyBlock } from '../ui/copy.js';
import { num, time } from '../ui/format.js';

export function AbuseView() {
  const { data, error } = useApi(async () => {
    const list = await reports.list();
    const withDrafts = list.reports.filter((r) => r.abuseDrafts > 0).slice(0, 50);
    const full = await Promise.all(withDrafts.map((r) => reports.get(r.id)));
    return full.flatMap(({ report }) => report.abuseDrafts.map((d) => ({ report, draft: d })));
  }, 'abuse');
  return (
    <div className="stack">
      <h2>Abuse reports</h2>
      {error ? <p className="error">{error}</p> : null}
      {data && data.length === 0 ? (
        <p className="muted">No drafts: reports add one per network with abusive clients.</p>
      ) : null}
      {data?.map(({ report, draft }) => (
        <Draft key={`${report.id}:${draft.network}`} d={draft} service={report.service} />
      ))}
    </div>
  );
}

function Draft({ d, service }: { d: AbuseDraft; service: string }) {
  return (
    <section className="card stack">
      <h3>{d.subject}</h3>
      <p className="muted small">
        {service} · {d.network} {d.asn !== undefined ? `AS${d.asn}` : ''} {d.org ?? ''} · {num(d.ips.length)} addresses
        · {num(d.requests)} requests · {time(d.firstSeen)} → {time(d.lastSeen)}
      </p>
      <p>
        To: <span className="mono">{d.contact ?? 'no abuse contact known'}</span>
      </p>
      <CopyBlock label="Message" text={d.text} />
    </section>
  );
}
