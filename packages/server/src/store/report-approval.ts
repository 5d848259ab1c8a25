/**
 * Approving and dismissing report items through any state store: approval turns each item's
 * recommendation into ban entries (origin 'report', with the report and finding ids), then records the
 * decision with the ids of the bans it created. Both steps are audited. Recommendations a firewall cannot
 * enforce (API keys, users, 'report' actions) are approved without a ban and say so in `skipped`.
 */
import {
  escalatedTtl,
  normalizeEntryValue,
  RampartError,
  type Recommendation,
  type Report,
  type ReportItem,
} from '@rampart/core';
import type { BanAddResult, ChangeContext, StateStore, StateStoreOptions } from './contract/state-store.js';

export interface ApprovalResult {
  readonly report: Report;
  readonly bans: readonly BanAddResult[];
  readonly skipped: readonly { readonly itemId: string; readonly why: string }[];
}

const BANNABLE = new Set(['ip', 'cidr', 'asn', 'country']);

export async function approveReport(
  store: StateStore,
  options: StateStoreOptions,
  id: string,
  selection: { itemIds?: readonly string[]; note?: string },
  ctx: ChangeContext,
): Promise<ApprovalResult> {
  const report = await store.reports.get(id);
  if (!report) throw new RampartError('NOT_FOUND', `no report ${JSON.stringify(id)}`);
  const wanted = selection.itemIds ? new Set(selection.itemIds) : undefined;
  const items = report.items.filter((i) => (wanted ? wanted.has(i.id) : i.decision === 'pending'));
  if (wanted && items.length !== wanted.size) {
    const known = new Set(report.items.map((i) => i.id));
    throw new RampartError(
      'NOT_FOUND',
      `report ${id} has no item ${[...wanted].filter((w) => !known.has(w)).join(', ')}`,
    );
  }
  const decided = items.find((i) => i.decision !== 'pending');
  if (decided) throw new RampartError('CONFLICT', `item ${decided.id} of report ${id} is already ${decided.decision}`);
  const bans: BanAddResult[] = [];
  const skipped: { itemId: string; why: string }[] = [];
  const banIds: Record<string, string[]> = {};
  for (const item of items) {
    const targets = targetsOf(item);
    if (typeof targets === 'string') {
      skipped.push({ itemId: item.id, why: targets });
      continue;
    }
    banIds[item.id] = [];
    for (const value of targets) {
      const v = normalizeEntryValue(item.recommendation.scope as 'ip', value);
      if (!v.ok) {
        skipped.push({ itemId: item.id, why: v.reason });
        continue;
      }
      const ttl = await ttlFor(store, options, item.recommendation, v.value, report.service, ctx.now);
      const res = await store.bans.add(
        {
          kind: v.kind as 'ip',
          value: v.value,
          mode:
            item.recommendation.action === 'ban'
              ? 'ban'
              : item.recommendation.action === 'throttle'
                ? 'throttle'
                : 'monitor',
          service: report.service,
          origin: 'report',
          reason: item.recommendation.reason,
          findingId: item.findingIds[0],
          reportId: report.id,
          ttlSeconds: ttl,
        },
        ctx,
      );
      bans.push(res);
      banIds[item.id]!.push(res.entry.id);
    }
  }
  const updated = await store.reports.decide(
    id,
    {
      decision: 'approved',
      itemIds: items.map((i) => i.id),
      banIds,
      ...(selection.note ? { note: selection.note } : {}),
    },
    ctx,
  );
  return { report: updated, bans, skipped };
}

/** Ban values for an item, or why it gets none. */
function targetsOf(item: ReportItem): readonly string[] | string {
  const r = item.recommendation;
  if (r.action === 'report') return 'abuse report only: no ban';
  if (!BANNABLE.has(r.scope)) return `${r.scope} recommendations are enforced in the application, not by a ban`;
  if (item.addresses !== undefined)
    return item.addresses.length > 0 ? item.addresses : 'campaign without member addresses';
  return [r.target];
}

/**
 * The recommended duration, lengthened by the escalation ladder for repeat offenders; monitor entries
 * keep the recommended duration (or none).
 */
export async function ttlFor(
  store: StateStore,
  options: StateStoreOptions,
  rec: Recommendation,
  value: string,
  service: string,
  now: number,
): Promise<number | undefined> {
  if (rec.action === 'monitor') return rec.ttlSeconds;
  const kind = rec.scope as 'ip' | 'cidr' | 'asn' | 'country';
  const since = now - options.escalation.lookbackSeconds * 1000;
  const prior = await store.bans.offences(kind, value, service, since);
  const ladder = prior > 0 ? escalatedTtl(options.escalation, prior) : 0;
  return Math.max(rec.ttlSeconds ?? 0, ladder) || escalatedTtl(options.escalation, prior);
}
