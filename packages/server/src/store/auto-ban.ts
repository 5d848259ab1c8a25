/**
 * Applies automatic bans (core `selectAutoBans`) through any state store: a value that already has an
 * active ban in the service's scope is left alone (a detector re-finding the same client each cycle MUST
 * NOT climb the escalation ladder by itself); new bans carry origin 'detector' and the finding id, take
 * the recommended duration (longer for repeat offenders), and report overlaps with the allowlist.
 */
import { type AutoBanRule, type Finding, normalizeEntryValue, selectAutoBans } from '@rampart/core';
import type { BanAddResult, ChangeContext, StateStore, StateStoreOptions } from './contract/state-store.js';
import { ttlFor } from './report-approval.js';

export interface AutoBanResult {
  readonly added: readonly BanAddResult[];
  /** Values skipped because an active ban already covers them, or because they are not valid. */
  readonly skipped: readonly { readonly findingId: string; readonly value: string; readonly why: string }[];
}

export async function applyAutoBans(
  store: StateStore,
  options: StateStoreOptions,
  findings: readonly Finding[],
  rules: readonly AutoBanRule[],
  ctx: ChangeContext,
): Promise<AutoBanResult> {
  const added: BanAddResult[] = [];
  const skipped: { findingId: string; value: string; why: string }[] = [];
  const active = new Set<string>();
  for (const b of await store.bans.list({ now: ctx.now })) active.add(`${b.service ?? '*'} ${b.kind} ${b.value}`);
  for (const sel of selectAutoBans(findings, rules)) {
    const f = sel.finding;
    for (const raw of sel.values) {
      const v = normalizeEntryValue(f.recommendation.scope === 'cidr' ? 'cidr' : undefined, raw);
      if (!v.ok) {
        skipped.push({ findingId: f.id, value: raw, why: v.reason });
        continue;
      }
      if (active.has(`* ${v.kind} ${v.value}`) || active.has(`${f.service} ${v.kind} ${v.value}`)) {
        skipped.push({ findingId: f.id, value: v.value, why: 'already banned' });
        continue;
      }
      const rec = { ...f.recommendation, scope: v.kind as 'ip' };
      const res = await store.bans.add(
        {
          kind: v.kind as 'ip',
          value: v.value,
          mode: sel.mode,
          service: f.service,
          origin: 'detector',
          reason: `${f.detector}: ${f.recommendation.reason}`,
          findingId: f.id,
          ttlSeconds: await ttlFor(store, options, rec, v.value, f.service, ctx.now),
        },
        ctx,
      );
      active.add(`${f.service} ${v.kind} ${v.value}`);
      added.push(res);
    }
  }
  return { added, skipped };
}
