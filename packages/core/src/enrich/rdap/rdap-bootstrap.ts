/**
 * IANA RDAP bootstrap registries (RFC 9224): which RDAP server answers for an address. Parses
 * `ipv4.json` / `ipv6.json` (`services: [[[cidr…], [url…]], …]`) into a longest-prefix table and picks
 * the HTTPS URL when a service lists several. Malformed documents yield undefined, never a throw.
 */
import { type Cidr, parseCidr } from '../../net/cidr.js';
import type { ParsedIp } from '../../net/ip-address.js';

export const IANA_BOOTSTRAP_BASE = 'https://data.iana.org/rdap/';

export class RdapBootstrap {
  private constructor(private readonly entries: ReadonlyArray<{ readonly cidr: Cidr; readonly base: string }>) {}

  /** Parses a bootstrap document; undefined when it has no usable service. */
  static parse(doc: unknown): RdapBootstrap | undefined {
    const services = (doc as { services?: unknown } | null)?.services;
    if (!Array.isArray(services)) return undefined;
    const entries: Array<{ cidr: Cidr; base: string }> = [];
    for (const s of services) {
      if (!Array.isArray(s) || !Array.isArray(s[0]) || !Array.isArray(s[1])) continue;
      const urls = (s[1] as unknown[]).filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u));
      const base = urls.find((u) => u.startsWith('https://')) ?? urls[0];
      if (!base) continue;
      for (const c of s[0] as unknown[]) {
        const cidr = typeof c === 'string' ? parseCidr(c, { lenient: true }) : undefined;
        if (cidr) entries.push({ cidr, base: base.endsWith('/') ? base : `${base}/` });
      }
    }
    if (entries.length === 0) return undefined;
    // Longest prefix first, so the first containing entry is the most specific.
    entries.sort((a, b) => b.cidr.prefixLength - a.cidr.prefixLength);
    return new RdapBootstrap(entries);
  }

  /** Base URL (ending in '/') of the RDAP server for the address, or undefined. */
  baseFor(ip: ParsedIp): string | undefined {
    for (const e of this.entries) {
      if (e.cidr.version === ip.version && ip.value >= e.cidr.first && ip.value <= e.cidr.last) return e.base;
    }
    return undefined;
  }
}

/** IANA's `asn.json`: services keyed by ASN ranges ('1-1876', '13335'). */
export class RdapAsnBootstrap {
  private constructor(private readonly entries: ReadonlyArray<readonly [first: number, last: number, base: string]>) {}

  static parse(doc: unknown): RdapAsnBootstrap | undefined {
    const services = (doc as { services?: unknown } | null)?.services;
    if (!Array.isArray(services)) return undefined;
    const entries: Array<[number, number, string]> = [];
    for (const s of services) {
      if (!Array.isArray(s) || !Array.isArray(s[0]) || !Array.isArray(s[1])) continue;
      const urls = (s[1] as unknown[]).filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u));
      const base = urls.find((u) => u.startsWith('https://')) ?? urls[0];
      if (!base) continue;
      for (const r of s[0] as unknown[]) {
        const m = typeof r === 'string' ? /^(\d{1,10})(?:-(\d{1,10}))?$/.exec(r) : null;
        if (m) entries.push([Number(m[1]), Number(m[2] ?? m[1]), base.endsWith('/') ? base : `${base}/`]);
      }
    }
    return entries.length > 0 ? new RdapAsnBootstrap(entries) : undefined;
  }

  baseFor(asn: number): string | undefined {
    for (const [first, last, base] of this.entries) if (asn >= first && asn <= last) return base;
    return undefined;
  }
}
