/**
 * Widening: when several hosting addresses of one prefix misbehave, recommend the prefix; when many
 * prefixes of one hosting ASN do and almost none of the ASN's traffic is legitimate, recommend the ASN.
 * Every proposal states what it covers — flagged and unflagged addresses and requests — from traffic
 * counts the caller provides (`TrafficIndex`), because a prefix ban without those numbers is a guess.
 * Prefix keys are the routed prefix from enrichment (`Finding.enrichment.prefix`), else the /24 (IPv4) or
 * /48 (IPv6) around the address; the caller MUST count traffic under the same keys.
 */
import type { Finding, Recommendation } from '../detect/finding.js';
import { subnetOf } from '../net/cidr.js';
import type { Coverage } from './report.js';

export interface TrafficCounts {
  /** Distinct client addresses seen. */
  readonly addresses: number;
  readonly requests: number;
}

/** Traffic over the same window as the findings, grouped the same way. */
export interface TrafficIndex {
  prefix(cidr: string): TrafficCounts | undefined;
  asn(asn: number): TrafficCounts | undefined;
}

export interface WidenPolicy {
  readonly minFlaggedAddressesPerPrefix: number;
  readonly maxUnflaggedShareForPrefix: number;
  readonly minFlaggedPrefixesPerAsn: number;
  readonly maxUnflaggedShareForAsn: number;
}

export const DEFAULT_WIDEN_POLICY: WidenPolicy = {
  minFlaggedAddressesPerPrefix: 3,
  maxUnflaggedShareForPrefix: 0.2,
  minFlaggedPrefixesPerAsn: 3,
  maxUnflaggedShareForAsn: 0.02,
};

export interface Widening {
  readonly scope: 'cidr' | 'asn';
  readonly target: string;
  readonly recommendation: Recommendation;
  readonly findingIds: readonly string[];
  readonly coverage: Coverage;
}

interface Group {
  readonly key: string;
  readonly asn: number | undefined;
  readonly org: string | undefined;
  /** Flagged address → its largest request count over its findings (findings of one address overlap). */
  readonly ips: Map<string, number>;
  readonly findingIds: Set<string>;
}

/** Prefix and ASN proposals for the hosting-network address findings among `findings`. */
export function widen(findings: readonly Finding[], traffic: TrafficIndex, policy = DEFAULT_WIDEN_POLICY): Widening[] {
  const prefixes = new Map<string, Group>();
  for (const f of findings) {
    if (f.entity.kind !== 'ip' || f.enrichment.networkType !== 'hosting') continue;
    if (f.recommendation.action !== 'ban' && f.recommendation.action !== 'throttle') continue;
    const key = f.enrichment.prefix ?? subnetOf(f.entity.value, 24, 48);
    if (!key) continue;
    let g = prefixes.get(key);
    if (!g) {
      g = { key, asn: f.enrichment.asn, org: f.enrichment.org, ips: new Map(), findingIds: new Set() };
      prefixes.set(key, g);
    }
    g.ips.set(f.entity.value, Math.max(g.ips.get(f.entity.value) ?? 0, f.requests));
    g.findingIds.add(f.id);
  }
  const out: Widening[] = [];
  const byAsn = new Map<number, Group[]>();
  for (const g of prefixes.values()) {
    if (g.ips.size < policy.minFlaggedAddressesPerPrefix) continue;
    const coverage = coverageOf([g], traffic.prefix(g.key));
    if (!coverage || share(coverage) > policy.maxUnflaggedShareForPrefix) continue;
    out.push(proposal('cidr', g.key, [g], coverage, `${g.ips.size} flagged addresses in hosting prefix ${g.key}`));
    if (g.asn !== undefined) byAsn.set(g.asn, [...(byAsn.get(g.asn) ?? []), g]);
  }
  for (const [asn, groups] of byAsn) {
    if (groups.length < policy.minFlaggedPrefixesPerAsn) continue;
    const coverage = coverageOf(groups, traffic.asn(asn));
    if (!coverage || share(coverage) > policy.maxUnflaggedShareForAsn) continue;
    const why = `${groups.length} hosting prefixes of AS${asn} (${groups[0]?.org ?? 'unknown org'}) misbehave`;
    out.push(proposal('asn', `AS${asn}`, groups, coverage, why));
  }
  return out;
}

function coverageOf(groups: readonly Group[], total: TrafficCounts | undefined): Coverage | undefined {
  if (!total) return undefined;
  let flaggedAddresses = 0;
  let flaggedRequests = 0;
  for (const g of groups) {
    flaggedAddresses += g.ips.size;
    for (const n of g.ips.values()) flaggedRequests += n;
  }
  return {
    flaggedAddresses,
    unflaggedAddresses: Math.max(0, total.addresses - flaggedAddresses),
    flaggedRequests,
    unflaggedRequests: Math.max(0, total.requests - flaggedRequests),
  };
}

/** Share of the covered requests that came from unflagged addresses. */
function share(c: Coverage): number {
  const total = c.flaggedRequests + c.unflaggedRequests;
  return total === 0 ? 0 : c.unflaggedRequests / total;
}

function proposal(scope: 'cidr' | 'asn', target: string, groups: readonly Group[], c: Coverage, why: string): Widening {
  const pct = (share(c) * 100).toFixed(2);
  const reason =
    `${why}: covers ${c.flaggedAddresses} flagged addresses (${c.flaggedRequests} requests) and ` +
    `${c.unflaggedAddresses} unflagged addresses (${c.unflaggedRequests} requests, ${pct}% of its traffic)`;
  return {
    scope,
    target,
    recommendation: { action: 'ban', scope, target, ttlSeconds: 24 * 3600, reason, abuseReport: false },
    findingIds: [...new Set(groups.flatMap((g) => [...g.findingIds]))],
    coverage: c,
  };
}
