/**
 * Matching requests and entries against the ban and allow lists. Allow overrides ban; of several matching
 * bans the strongest mode wins (ban > throttle > monitor). `overlaps` finds the structural conflicts between
 * a ban and an allow entry (same value, or an address/network inside the other network) so the caller can
 * report them; overlaps that need enrichment (an allowed address inside a banned ASN) are not visible here.
 */
import { type Cidr, parseCidr } from '../net/cidr.js';
import { parseIp } from '../net/ip-address.js';
import type { AllowEntry, BanEntry, BanMode } from './list-entry.js';

type Scoped = Pick<BanEntry, 'kind' | 'value' | 'service'> | Pick<AllowEntry, 'kind' | 'value' | 'service'>;

/** Two entries can apply to the same traffic when one is global or both name the same service. */
function sameScope(a: Scoped, b: Scoped): boolean {
  return a.service === undefined || b.service === undefined || a.service === b.service;
}

function asNetwork(kind: string, value: string): Cidr | undefined {
  return kind === 'ip' || kind === 'cidr' ? parseCidr(value) : undefined;
}

/** True when the ban and the allow entry can cover the same client (structurally). */
export function overlaps(ban: Scoped, allow: Scoped): boolean {
  if (!sameScope(ban, allow)) return false;
  if (ban.kind === allow.kind && ban.value === allow.value) return true;
  const a = asNetwork(ban.kind, ban.value);
  const b = asNetwork(allow.kind, allow.value);
  if (!a || !b || a.version !== b.version) return false;
  return a.first <= b.last && b.first <= a.last;
}

/** What a client is, as far as the lists care. */
export interface ListSubject {
  readonly ip: string;
  readonly service: string;
  readonly asn: number | undefined;
  readonly country: string | undefined;
  /** Verified crawler family; unverified claims never match an allow entry. */
  readonly verifiedCrawler: string | undefined;
  readonly apiKey: string | undefined;
}

export interface ListVerdict {
  /** 'allow' when an allow entry matches, else the strongest matching ban mode, else 'none'. */
  readonly action: 'allow' | BanMode | 'none';
  readonly allow: AllowEntry | undefined;
  /** The ban that matched (also set when an allow entry overrode it). */
  readonly ban: BanEntry | undefined;
}

const MODE_RANK: Readonly<Record<BanMode, number>> = { ban: 3, throttle: 2, monitor: 1 };

/**
 * Entries of one list indexed by kind: exact addresses, ASNs and countries by value (Map lookups),
 * networks as parsed ranges scanned once per address (results are cached per address by the matcher).
 */
class IndexedList<E extends BanEntry | AllowEntry> {
  private readonly exact = new Map<string, E[]>();
  private readonly nets: { entry: E; net: Cidr }[] = [];
  readonly perRequest: E[] = [];

  constructor(entries: readonly E[]) {
    for (const e of entries) {
      if (e.kind === 'crawler' || e.kind === 'api_key') this.perRequest.push(e);
      else if (e.kind === 'cidr') {
        const net = parseCidr(e.value);
        if (net) this.nets.push({ entry: e, net });
      } else {
        const key = `${e.kind}:${e.value}`;
        this.exact.set(key, [...(this.exact.get(key) ?? []), e]);
      }
    }
  }

  /** Every entry matching the address-level facts of `s` (address, networks, ASN, country). */
  addressMatches(s: ListSubject): E[] {
    const out: E[] = [];
    const push = (list: E[] | undefined) => {
      if (list) for (const e of list) if (e.service === undefined || e.service === s.service) out.push(e);
    };
    push(this.exact.get(`ip:${s.ip}`));
    if (s.asn !== undefined) push(this.exact.get(`asn:AS${s.asn}`));
    if (s.country !== undefined) push(this.exact.get(`country:${s.country}`));
    if (this.nets.length > 0) {
      const ip = parseIp(s.ip);
      if (ip) {
        for (const { entry, net } of this.nets) {
          if (ip.version === net.version && ip.value >= net.first && ip.value <= net.last) {
            if (entry.service === undefined || entry.service === s.service) out.push(entry);
          }
        }
      }
    }
    return out;
  }
}

/**
 * Compiled lists; address-level results are cached per (service, ip) because both lists mostly apply per
 * address. The cache is bounded; callers MUST pass the same ASN and country for the same address.
 */
export class ListMatcher {
  private readonly bans: IndexedList<BanEntry>;
  private readonly allows: IndexedList<AllowEntry>;
  /** service → address → address-level result (two levels: no key string built per request). */
  private readonly cache = new Map<string, Map<string, { allow: AllowEntry | undefined; ban: BanEntry | undefined }>>();
  private cached = 0;

  constructor(bans: readonly BanEntry[], allows: readonly AllowEntry[] = []) {
    this.bans = new IndexedList(bans);
    this.allows = new IndexedList(allows);
  }

  match(s: ListSubject): ListVerdict {
    let perService = this.cache.get(s.service);
    if (!perService) {
      perService = new Map();
      this.cache.set(s.service, perService);
    }
    let addr = perService.get(s.ip);
    if (!addr) {
      addr = { allow: this.allows.addressMatches(s)[0], ban: strongest(this.bans.addressMatches(s)) };
      // Bounded: a simulation over millions of distinct addresses must not keep them all.
      if (++this.cached > 200_000) {
        this.cache.clear();
        this.cached = 1;
        perService = new Map();
        this.cache.set(s.service, perService);
      }
      perService.set(s.ip, addr);
    }
    const allow = addr.allow ?? this.perRequestAllow(s);
    if (allow) return { action: 'allow', allow, ban: addr.ban };
    return { action: addr.ban ? addr.ban.mode : 'none', allow: undefined, ban: addr.ban };
  }

  private perRequestAllow(s: ListSubject): AllowEntry | undefined {
    for (const e of this.allows.perRequest) {
      if (e.service !== undefined && e.service !== s.service) continue;
      if (e.kind === 'crawler' ? s.verifiedCrawler === e.value : s.apiKey === e.value) return e;
    }
    return undefined;
  }
}

function strongest(list: readonly BanEntry[]): BanEntry | undefined {
  let best: BanEntry | undefined;
  for (const e of list) if (!best || MODE_RANK[e.mode] > MODE_RANK[best.mode]) best = e;
  return best;
}
