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

interface Compiled<E> {
  readonly entry: E;
  readonly net: Cidr | undefined;
}

/** Compiled lists; results per (ip, service) are cached because both lists apply per address. */
export class ListMatcher {
  private readonly bans: readonly Compiled<BanEntry>[];
  private readonly allows: readonly Compiled<AllowEntry>[];
  private readonly cache = new Map<string, { allow: AllowEntry | undefined; ban: BanEntry | undefined }>();

  constructor(bans: readonly BanEntry[], allows: readonly AllowEntry[] = []) {
    this.bans = bans.map((entry) => ({ entry, net: asNetwork(entry.kind, entry.value) }));
    this.allows = allows.map((entry) => ({ entry, net: asNetwork(entry.kind, entry.value) }));
  }

  match(s: ListSubject): ListVerdict {
    const key = `${s.service}\u0000${s.ip}`;
    let addr = this.cache.get(key);
    if (!addr) {
      addr = { allow: this.find(this.allows, s, false), ban: this.strongestBan(s) };
      // Bounded: a simulation over millions of distinct addresses must not keep them all.
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(key, addr);
    }
    const allow = addr.allow ?? this.find(this.allows, s, true);
    if (allow) return { action: 'allow', allow, ban: addr.ban };
    return { action: addr.ban ? addr.ban.mode : 'none', allow: undefined, ban: addr.ban };
  }

  private strongestBan(s: ListSubject): BanEntry | undefined {
    let best: BanEntry | undefined;
    for (const c of this.bans) {
      if (!applies(c, s, false)) continue;
      if (!best || MODE_RANK[c.entry.mode] > MODE_RANK[best.mode]) best = c.entry;
    }
    return best;
  }

  /** perRequest: match only the kinds that vary per request (crawler, API key), not per address. */
  private find(list: readonly Compiled<AllowEntry>[], s: ListSubject, perRequest: boolean): AllowEntry | undefined {
    for (const c of list) if (applies(c, s, perRequest)) return c.entry;
    return undefined;
  }
}

function applies(c: Compiled<BanEntry | AllowEntry>, s: ListSubject, perRequest: boolean): boolean {
  const e = c.entry;
  if (e.service !== undefined && e.service !== s.service) return false;
  switch (e.kind) {
    case 'crawler':
      return perRequest && s.verifiedCrawler === e.value;
    case 'api_key':
      return perRequest && s.apiKey === e.value;
    case 'asn':
      return !perRequest && s.asn !== undefined && e.value === `AS${s.asn}`;
    case 'country':
      return !perRequest && s.country === e.value;
    default: {
      if (perRequest || !c.net) return false;
      const ip = parseIp(s.ip);
      return ip !== undefined && ip.version === c.net.version && ip.value >= c.net.first && ip.value <= c.net.last;
    }
  }
}
