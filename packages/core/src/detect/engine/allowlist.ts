/**
 * Allowlist matching for detection: entries from `detect.allow`, the service's `allow`, and the decide
 * stage's `AllowEntry` values (store-backed). Allowed traffic is excluded from detection entirely. Expiry
 * is judged on event time, so a replay of last week honours the entries as they were meant.
 * Address entries are resolved once per client key (the engine caches the answer on the key).
 */
import type { DetectAllow } from '../../config/detect-config.js';
import type { AllowEntry } from '../../decide/list-entry.js';
import type { EnrichedEvent } from '../../event/enriched-event.js';
import { CidrSet } from '../../net/cidr.js';

type Rule = Pick<AllowEntry, 'kind' | 'value'> & { readonly expiresAt: number | undefined };

export interface AllowMatcher {
  readonly empty: boolean;
  /** Until when (epoch ms, Infinity = no expiry) the event's address / network is allowed; 0 = not. */
  addressAllowedUntil(e: EnrichedEvent): number;
  /** Per-event checks that do not depend on the address: API key, verified crawler family. */
  eventAllowed(e: EnrichedEvent): boolean;
}

function asnNumber(v: string): number {
  return Number(v.replace(/^as/i, ''));
}

export function createAllowMatcher(entries: ReadonlyArray<DetectAllow | AllowEntry>, service: string): AllowMatcher {
  const rules: Rule[] = [];
  for (const e of entries) {
    if ('service' in e && e.service !== undefined && e.service !== service) continue;
    rules.push({ kind: e.kind as Rule['kind'], value: e.value, expiresAt: 'expiresAt' in e ? e.expiresAt : undefined });
  }
  const byKind = (k: Rule['kind']) => rules.filter((r) => r.kind === k);
  const cidrRules = [...byKind('ip'), ...byKind('cidr')].map((r) => ({ r, set: CidrSet.fromStrings([r.value]).set }));
  const asns = new Map(byKind('asn').map((r) => [asnNumber(r.value), r.expiresAt ?? Infinity]));
  const countries = new Map(byKind('country').map((r) => [r.value.toUpperCase(), r.expiresAt ?? Infinity]));
  const keys = new Map(byKind('api_key').map((r) => [r.value, r.expiresAt ?? Infinity]));
  const crawlers = new Map(byKind('crawler').map((r) => [r.value.toLowerCase(), r.expiresAt ?? Infinity]));
  return {
    empty: rules.length === 0,
    addressAllowedUntil(e) {
      let until = 0;
      for (const { r, set } of cidrRules) if (set.has(e.req.ip)) until = Math.max(until, r.expiresAt ?? Infinity);
      if (e.net.asn !== undefined) until = Math.max(until, asns.get(e.net.asn) ?? 0);
      if (e.net.country !== undefined) until = Math.max(until, countries.get(e.net.country) ?? 0);
      return until;
    },
    eventAllowed(e) {
      if (keys.size > 0 && e.req.apiKey !== undefined && (keys.get(e.req.apiKey) ?? 0) > e.req.ts) return true;
      // A crawler family is allowed only when the address verified (or could not be checked): an
      // impersonator MUST NOT inherit the real crawler's allowance.
      const c = e.crawler;
      return crawlers.size > 0 && c !== undefined && c.verified !== false && (crawlers.get(c.family) ?? 0) > e.req.ts;
    },
  };
}
