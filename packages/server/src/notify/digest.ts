/**
 * Digests: when more than `threshold` messages reach a channel within the window, the rest are folded
 * into one digest message sent when the window after the first folded one closes. Pure functions over
 * the stored digest message, so a digest still collecting survives a restart like any other delivery.
 */
import type { AlertMessage } from './alert-message.js';
import { DIGEST_ITEMS } from './alert-message.js';

const RANK = { info: 0, warning: 1, critical: 2 } as const;

export function startDigest(channel: string, first: AlertMessage, now: number, windowMs: number): AlertMessage {
  return addToDigest(
    {
      eventType: 'digest',
      key: `digest:${channel}:${now}`,
      service: first.service,
      severity: 'info',
      title: '',
      summary: '',
      counts: [],
      findings: [],
      totalFindings: 0,
      facts: [],
      link:
        first.link === undefined ? undefined : first.link.replace(/\/(reports|bans|traffic|settings)([/?].*)?$/, ''),
      at: now,
      items: [],
    },
    first,
    windowMs,
    0,
  );
}

/** `total` counts the events folded so far (items past DIGEST_ITEMS are counted, not listed). */
export function addToDigest(d: AlertMessage, m: AlertMessage, windowMs: number, total = digestTotal(d)): AlertMessage {
  const n = total + 1;
  const counts = new Map(d.counts.map((c) => [c.category, c.count]));
  for (const c of m.counts) counts.set(c.category, (counts.get(c.category) ?? 0) + c.count);
  const findings = [...d.findings, ...m.findings].sort((a, b) => b.score - a.score).slice(0, 5);
  const items =
    d.items.length < DIGEST_ITEMS && m.eventType !== 'digest'
      ? [...d.items, { eventType: m.eventType, key: m.key, title: m.title, link: m.link }]
      : d.items;
  const minutes = Math.max(1, Math.round(windowMs / 60_000));
  return {
    ...d,
    service: d.service === m.service ? d.service : undefined,
    severity: RANK[m.severity] > RANK[d.severity] ? m.severity : d.severity,
    title: `Rampart digest: ${n} alert(s) within ${minutes} min`,
    summary: `${n} alert(s) arrived faster than they are sent one by one${n > items.length ? `; the first ${items.length} are listed` : ''}.`,
    counts: [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count),
    findings,
    totalFindings: d.totalFindings + m.totalFindings,
    facts: [{ label: 'Alerts', value: String(n) }],
    items,
  };
}

function digestTotal(d: AlertMessage): number {
  const fact = d.facts.find((f) => f.label === 'Alerts');
  return fact ? Number(fact.value) : d.items.length;
}
