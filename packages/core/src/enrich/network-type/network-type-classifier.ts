/**
 * Decides an address's network type and says which rule decided (`IpInfo.sources.networkType`). Order,
 * most specific and most trusted first: user overrides per ASN (config) → CIDR feeds → ASN feeds →
 * the curated ASN table → organisation-name rules → 'unknown'; except that an ASN feed saying `hosting`
 * does not override the curated table's `residential` or `mobile`. Answers per ASN are memoised, so the
 * name rules run once per ASN.
 */
import type { NetworkType } from '../../event/enriched-event.js';
import type { CidrSet } from '../../net/cidr.js';
import { CURATED_ASNS } from './asn-network-types.js';
import { matchOrgName } from './org-name-rules.js';

export interface NetworkTypeAnswer {
  readonly type: NetworkType;
  /** 'config', 'feed:<name>', 'asn-table', 'org-name:<rule>', or 'none'. */
  readonly source: string;
}

export interface AsnFeed {
  readonly name: string;
  readonly type: NetworkType;
  readonly asns: ReadonlySet<number>;
}

export interface CidrFeed {
  readonly name: string;
  readonly type: NetworkType;
  readonly cidrs: CidrSet;
}

export interface NetworkTypeInputs {
  /** ASN → type from `enrich.networkTypes`. */
  readonly overrides?: ReadonlyMap<number, NetworkType>;
  readonly asnFeeds?: readonly AsnFeed[];
  readonly cidrFeeds?: readonly CidrFeed[];
}

const CURATED: ReadonlyMap<number, NetworkType> = (() => {
  const m = new Map<number, NetworkType>();
  for (const [type, asns] of Object.entries(CURATED_ASNS) as Array<[NetworkType, readonly number[]]>) {
    for (const asn of asns) m.set(asn, type);
  }
  return m;
})();

/** The curated table's type for an ASN, if it lists it. */
export function curatedNetworkType(asn: number): NetworkType | undefined {
  return CURATED.get(asn);
}

/** Parses 'AS64496' / '64496' keys of `enrich.networkTypes`. */
export function overridesFromConfig(map: Readonly<Record<string, NetworkType>>): Map<number, NetworkType> {
  const out = new Map<number, NetworkType>();
  for (const [key, type] of Object.entries(map)) {
    const n = Number(key.replace(/^as/i, ''));
    if (Number.isInteger(n) && n > 0) out.set(n, type);
  }
  return out;
}

const UNKNOWN: NetworkTypeAnswer = { type: 'unknown', source: 'none' };

export class NetworkTypeClassifier {
  private readonly byAsn = new Map<number, NetworkTypeAnswer>();

  constructor(private readonly inputs: NetworkTypeInputs = {}) {}

  /** Type of an address: CIDR feeds first (they are per address), then the ASN. */
  classify(ip: string, asn: number | undefined, org: string | undefined): NetworkTypeAnswer {
    if (asn !== undefined) {
      const o = this.inputs.overrides?.get(asn);
      if (o) return { type: o, source: 'config' };
    }
    const cidrFeeds = this.inputs.cidrFeeds;
    if (cidrFeeds) {
      for (const f of cidrFeeds) if (f.cidrs.has(ip)) return { type: f.type, source: `feed:${f.name}` };
    }
    return asn === undefined ? UNKNOWN : this.classifyAsn(asn, org);
  }

  /** Type of an ASN from overrides, ASN feeds, the curated table and its organisation name. */
  classifyAsn(asn: number, org: string | undefined): NetworkTypeAnswer {
    const memo = this.byAsn.get(asn);
    if (memo) return memo;
    const answer = this.decideAsn(asn, org);
    this.byAsn.set(asn, answer);
    return answer;
  }

  private decideAsn(asn: number, org: string | undefined): NetworkTypeAnswer {
    const o = this.inputs.overrides?.get(asn);
    if (o) return { type: o, source: 'config' };
    const curated = CURATED.get(asn);
    // A third-party ASN list never turns a curated eyeball network (residential or mobile: CGNAT gateways,
    // millions of people) into hosting as a whole: datacenter lists do hold a few carriers. Per-address
    // CIDR feeds and `enrich.networkTypes` still can.
    const eyeball = curated === 'residential' || curated === 'mobile';
    for (const f of this.inputs.asnFeeds ?? []) {
      if (f.asns.has(asn) && !(eyeball && f.type === 'hosting')) return { type: f.type, source: `feed:${f.name}` };
    }
    if (curated) return { type: curated, source: 'asn-table' };
    if (org) {
      const rule = matchOrgName(org);
      if (rule) return { type: rule.type, source: `org-name:${rule.id}` };
    }
    return UNKNOWN;
  }
}
