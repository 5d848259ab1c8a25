/**
 * CIDR networks: parsing (host bits must be zero unless `lenient`), containment, subnet keys, and a
 * `CidrSet` for fast membership tests against many networks (trusted proxies, crawler ranges).
 */
import { formatIpv4, formatIpv6, type IpVersion, parseIp } from './ip-address.js';

export interface Cidr {
  readonly version: IpVersion;
  /** First address of the network (number for IPv4, bigint for IPv6). */
  readonly first: number | bigint;
  /** Last address of the network. */
  readonly last: number | bigint;
  readonly prefixLength: number;
  /** Normalized text, e.g. '192.0.2.0/24', '2001:db8::/32'. */
  readonly text: string;
}

/**
 * Parses 'a.b.c.d/n' or 'v6/n'; a bare address becomes a /32 or /128. With `lenient`, host bits are
 * cleared instead of rejected (useful for published lists that write '1.2.3.4/24').
 */
export function parseCidr(input: string, options: { lenient?: boolean } = {}): Cidr | undefined {
  const s = input.trim();
  const slash = s.indexOf('/');
  const ip = parseIp(slash < 0 ? s : s.slice(0, slash));
  if (!ip) return undefined;
  const max = ip.version === 4 ? 32 : 128;
  let len = max;
  if (slash >= 0) {
    const lenText = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText)) return undefined;
    len = Number(lenText);
    // An IPv4-mapped IPv6 network folds to IPv4 with the length reduced by 96.
    if (ip.version === 4 && s.slice(0, slash).includes(':')) len -= 96;
    if (len < 0 || len > max) return undefined;
  }
  if (ip.version === 4) {
    const value = ip.value as number;
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    const first = (value & mask) >>> 0;
    if (first !== value && !options.lenient) return undefined;
    const last = (first | (~mask >>> 0)) >>> 0;
    return { version: 4, first, last, prefixLength: len, text: `${formatIpv4(first)}/${len}` };
  }
  const value = ip.value as bigint;
  const hostBits = BigInt(128 - len);
  const first = (value >> hostBits) << hostBits;
  if (first !== value && !options.lenient) return undefined;
  const last = first | ((1n << hostBits) - 1n);
  return { version: 6, first, last, prefixLength: len, text: `${formatIpv6(first)}/${len}` };
}

export function cidrContains(cidr: Cidr, address: string): boolean {
  const ip = parseIp(address);
  if (!ip || ip.version !== cidr.version) return false;
  return ip.value >= cidr.first && ip.value <= cidr.last;
}

/**
 * The network of `prefixLength` bits containing the address, as CIDR text ('192.0.2.0/24').
 * Default lengths: IPv4 /24, IPv6 /64. Returns undefined for a non-address.
 */
export function subnetOf(address: string, v4Length = 24, v6Length = 64): string | undefined {
  const ip = parseIp(address);
  if (!ip) return undefined;
  if (ip.version === 4) {
    const mask = v4Length === 0 ? 0 : (0xffffffff << (32 - v4Length)) >>> 0;
    return `${formatIpv4(((ip.value as number) & mask) >>> 0)}/${v4Length}`;
  }
  const hostBits = BigInt(128 - v6Length);
  return `${formatIpv6(((ip.value as bigint) >> hostBits) << hostBits)}/${v6Length}`;
}

/** Membership test against many networks: sorted, merged ranges and binary search, per IP version. */
export class CidrSet {
  private readonly v4Starts: Float64Array;
  private readonly v4Ends: Float64Array;
  private readonly v6: ReadonlyArray<readonly [bigint, bigint]>;
  readonly size: number;

  constructor(cidrs: Iterable<Cidr>) {
    const v4: Array<[number, number]> = [];
    const v6: Array<[bigint, bigint]> = [];
    let n = 0;
    for (const c of cidrs) {
      n++;
      if (c.version === 4) v4.push([c.first as number, c.last as number]);
      else v6.push([c.first as bigint, c.last as bigint]);
    }
    this.size = n;
    const m4 = mergeRanges(
      v4,
      (a, b) => a - b,
      (x) => x + 1,
    );
    this.v4Starts = Float64Array.from(m4, (r) => r[0]);
    this.v4Ends = Float64Array.from(m4, (r) => r[1]);
    this.v6 = mergeRanges(
      v6,
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
      (x) => x + 1n,
    );
  }

  /** Parses each entry leniently; returns the set and the entries that were not networks. */
  static fromStrings(entries: Iterable<string>): { set: CidrSet; invalid: string[] } {
    const cidrs: Cidr[] = [];
    const invalid: string[] = [];
    for (const e of entries) {
      const c = parseCidr(e, { lenient: true });
      if (c) cidrs.push(c);
      else if (e.trim() !== '') invalid.push(e);
    }
    return { set: new CidrSet(cidrs), invalid };
  }

  has(address: string): boolean {
    const ip = parseIp(address);
    if (!ip) return false;
    if (ip.version === 4) return this.hasV4(ip.value as number);
    return this.hasV6(ip.value as bigint);
  }

  hasV4(value: number): boolean {
    let lo = 0;
    let hi = this.v4Starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.v4Starts[mid]! > value) hi = mid - 1;
      else if (this.v4Ends[mid]! < value) lo = mid + 1;
      else return true;
    }
    return false;
  }

  hasV6(value: bigint): boolean {
    let lo = 0;
    let hi = this.v6.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const [start, end] = this.v6[mid]!;
      if (start > value) hi = mid - 1;
      else if (end < value) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

function mergeRanges<T>(ranges: Array<[T, T]>, cmp: (a: T, b: T) => number, next: (x: T) => T): Array<[T, T]> {
  ranges.sort((a, b) => cmp(a[0], b[0]));
  const out: Array<[T, T]> = [];
  for (const r of ranges) {
    const top = out[out.length - 1];
    if (top && cmp(r[0], next(top[1])) <= 0) {
      if (cmp(r[1], top[1]) > 0) top[1] = r[1];
    } else out.push([r[0], r[1]]);
  }
  return out;
}
