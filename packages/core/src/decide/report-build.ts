/**
 * Builds a report from one detection cycle's findings for a service: an item per finding with its
 * recommendation, widening proposals when traffic counts are given, and abuse-report drafts for the
 * networks that get one. The result goes to `StateStore.reports.create` and waits for a decision.
 */
import type { Finding } from '../detect/finding.js';
import { abuseDrafts } from './abuse-draft.js';
import type { ReportInput, ReportItemInput } from './report.js';
import { DEFAULT_WIDEN_POLICY, type TrafficIndex, type WidenPolicy, widen } from './widen.js';

export interface BuildReportOptions {
  readonly service: string;
  /** Cycle window, ISO 8601 UTC. */
  readonly from: string;
  readonly to: string;
  /** Epoch ms. */
  readonly now: number;
  /** Sender address for abuse drafts. */
  readonly reporter: string;
  readonly traffic?: TrafficIndex | undefined;
  readonly widenPolicy?: WidenPolicy;
}

export function buildReport(findings: readonly Finding[], o: BuildReportOptions): ReportInput {
  const own = findings.filter((f) => f.service === o.service);
  const items: ReportItemInput[] = own.map((f) => ({
    id: f.id,
    findingIds: [f.id],
    recommendation: f.recommendation,
    // A campaign's target is a cluster id: the ban applies to its member addresses.
    addresses: f.entity.kind === 'campaign' ? (f.ips ?? []) : undefined,
    coverage: undefined,
  }));
  if (o.traffic) {
    for (const w of widen(own, o.traffic, o.widenPolicy ?? DEFAULT_WIDEN_POLICY)) {
      items.push({
        id: `widen:${w.scope}:${w.target}`,
        findingIds: w.findingIds,
        recommendation: w.recommendation,
        addresses: undefined,
        coverage: w.coverage,
      });
    }
  }
  const drafts = abuseDrafts(own, {
    reporter: o.reporter,
    service: o.service,
    reportKey: `${o.service}-${o.to.replace(/[^0-9]/g, '').slice(0, 14)}`,
    now: o.now,
  });
  const actions = new Map<string, number>();
  for (const i of items) actions.set(i.recommendation.action, (actions.get(i.recommendation.action) ?? 0) + 1);
  const counts = [...actions].map(([a, n]) => `${n} ${a}`).join(', ');
  const summary =
    `${own.length} finding(s) for ${o.service} from ${o.from} to ${o.to}` +
    `${counts ? `: ${counts}` : ''}; ${drafts.length} abuse-report draft(s)`;
  return { service: o.service, from: o.from, to: o.to, summary, findings: own, items, abuseDrafts: drafts };
}
