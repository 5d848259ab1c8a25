/**
 * Draws client addresses inside the real address space of the lab's networks, read once from the
 * `@ip-location-db/asn` CSVs (IPv4 and IPv6). Every address is handed out at most once per day, so no two
 * actors share an address unless a scenario says so (a NAT, a CGNAT gateway).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseCidr } from '../net/cidr.js';
import { formatIpv4, formatIpv6 } from '../net/ip-address.js';
import { type LabNetwork, NETWORKS, networkByAsn } from './network-catalog.js';
import type { Rng } from './prng.js';

interface V4Ranges {
  readonly starts: number[];
  readonly ends: number[];
  /** Cumulative sizes, for a pick proportional to range size. */
  readonly cumulative: number[];
}

interface V6Ranges {
  readonly ranges: Array<readonly [bigint, bigint]>;
}

const require = createRequire(import.meta.url);
let cache: { v4: Map<number, V4Ranges>; v6: Map<number, V6Ranges> } | undefined;

function loadRanges(): { v4: Map<number, V4Ranges>; v6: Map<number, V6Ranges> } {
  if (cache) return cache;
  const wanted = new Set(NETWORKS.map((n) => n.asn));
  const v4 = new Map<number, V4Ranges>();
  const v6 = new Map<number, V6Ranges>();
  const text4 = readFileSync(require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'), 'latin1');
  for (const line of text4.split('\n')) {
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c3 < 0) continue;
    const asn = Number(line.slice(c2 + 1, c3));
    if (!wanted.has(asn)) continue;
    const start = Number(line.slice(0, c1));
    const end = Number(line.slice(c1 + 1, c2));
    if (end - start < 255) continue; // tiny assignments are often mislabelled; skip them
    let r = v4.get(asn);
    if (!r) {
      r = { starts: [], ends: [], cumulative: [] };
      v4.set(asn, r);
    }
    const prev = r.cumulative[r.cumulative.length - 1] ?? 0;
    r.starts.push(start);
    r.ends.push(end);
    r.cumulative.push(prev + (end - start + 1));
  }
  const text6 = readFileSync(require.resolve('@ip-location-db/asn/asn-ipv6-num.csv'), 'latin1');
  for (const line of text6.split('\n')) {
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c3 < 0) continue;
    const asn = Number(line.slice(c2 + 1, c3));
    if (!wanted.has(asn)) continue;
    const start = BigInt(line.slice(0, c1));
    const end = BigInt(line.slice(c1 + 1, c2));
    if (end - start < 1n << 64n) continue; // need at least one /64
    let r = v6.get(asn);
    if (!r) {
      r = { ranges: [] };
      v6.set(asn, r);
    }
    r.ranges.push([start, end]);
  }
  cache = { v4, v6 };
  return cache;
}

export class AddressAllocator {
  /** Every address handed out or reserved, with the network it belongs to. */
  private readonly used = new Map<string, LabNetwork>();
  private readonly ranges = loadRanges();

  /** Marks an address as taken (published crawler and monitor addresses). */
  reserve(ip: string, network: LabNetwork): void {
    this.used.set(ip, network);
  }

  networkOf(ip: string): LabNetwork | undefined {
    return this.used.get(ip);
  }

  hasV6(asn: number): boolean {
    return (this.ranges.v6.get(asn)?.ranges.length ?? 0) > 0;
  }

  /** A fresh IPv4 address announced by the ASN (never .0 or .255 of a /24). */
  v4(rng: Rng, asn: number): string {
    const r = this.ranges.v4.get(asn);
    if (!r || r.starts.length === 0) throw new Error(`no IPv4 ranges for AS${asn} in @ip-location-db/asn`);
    const total = r.cumulative[r.cumulative.length - 1] as number;
    for (;;) {
      const target = Math.floor(rng.float() * total);
      let lo = 0;
      let hi = r.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((r.cumulative[mid] as number) > target) hi = mid;
        else lo = mid + 1;
      }
      const start = r.starts[lo] as number;
      const end = r.ends[lo] as number;
      const value = start + Math.floor(rng.float() * (end - start + 1));
      const last = value & 0xff;
      if (last === 0 || last === 255) continue;
      const ip = formatIpv4(value >>> 0);
      if (this.used.has(ip)) continue;
      this.used.set(ip, networkByAsn(asn));
      return ip;
    }
  }

  /** A fresh IPv6 address in a random /64 announced by the ASN (falls back to IPv4 when it has none). */
  v6(rng: Rng, asn: number): string {
    const r = this.ranges.v6.get(asn);
    if (!r || r.ranges.length === 0) return this.v4(rng, asn);
    for (;;) {
      const [start, end] = rng.pick(r.ranges);
      const nets = (end - start + 1n) >> 64n;
      const net = start + ((randomBig(rng, 64) % nets) << 64n);
      const ip = formatIpv6(net + (randomBig(rng, 64) | 1n));
      if (this.used.has(ip)) continue;
      this.used.set(ip, networkByAsn(asn));
      return ip;
    }
  }

  /** A fresh address inside a published prefix such as '66.249.64.0/23'. */
  inPrefix(rng: Rng, prefix: string, network: LabNetwork): string {
    const cidr = parseCidr(prefix);
    if (cidr?.version !== 4) throw new Error(`lab prefix ${prefix} is not an IPv4 CIDR`);
    const first = cidr.first as number;
    const size = (cidr.last as number) - first + 1;
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const ip = formatIpv4((first + 1 + Math.floor(rng.float() * (size - 2))) >>> 0);
      if (this.used.has(ip)) continue;
      this.used.set(ip, network);
      return ip;
    }
    throw new Error(`lab prefix ${prefix} is exhausted`);
  }
}

function randomBig(rng: Rng, bits: number): bigint {
  let v = 0n;
  for (let b = 0; b < bits; b += 32) v = (v << 32n) | BigInt(rng.nextU32());
  return v;
}
