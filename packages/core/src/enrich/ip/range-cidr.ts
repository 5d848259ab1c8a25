/**
 * Turning address ranges into CIDR blocks. `blockOf*` picks, for an address inside a range, the largest
 * aligned CIDR block that contains the address and lies wholly inside the range; for a range that is a
 * single CIDR that is the range itself. `rangeToCidrs*` splits a range into the minimal list of blocks.
 */
import { formatIpv4, formatIpv6 } from '../../net/ip-address.js';

/** Prefix length of the largest aligned block around `v` inside [start, end] (IPv4). */
export function blockLength4(v: number, start: number, end: number): number {
  if (start === 0 && end === 0xffffffff) return 0;
  // Integer masks only: this runs once per uncached lookup, and Math.pow / float modulo cost ~40x more.
  for (let len = 1; len < 32; len++) {
    const mask = (0xffffffff << (32 - len)) >>> 0;
    const first = (v & mask) >>> 0;
    if (first >= start && (first | ~mask) >>> 0 <= end) return len;
  }
  return 32;
}

export function blockOf4(v: number, start: number, end: number): string {
  const len = blockLength4(v, start, end);
  const first = len === 0 ? 0 : (v & (0xffffffff << (32 - len))) >>> 0;
  return `${formatIpv4(first)}/${len}`;
}

/** Same over 64-bit keys (the top half of IPv6 addresses); the result is at most a /64. */
export function blockOf6(v: bigint, start: bigint, end: bigint): string {
  for (let len = 0; len < 64; len++) {
    const hostBits = BigInt(64 - len);
    const first = (v >> hostBits) << hostBits;
    const last = first | ((1n << hostBits) - 1n);
    if (first >= start && last <= end) return `${formatIpv6(first << 64n)}/${len}`;
  }
  return `${formatIpv6(v << 64n)}/64`;
}

/** Minimal CIDR list covering exactly [start, end] (IPv4). */
export function rangeToCidrs4(start: number, end: number, out: string[] = []): string[] {
  let cur = start;
  while (cur <= end) {
    let len = 32;
    // Grow the block while it stays aligned and inside the range.
    while (len > 0) {
      const size = 2 ** (32 - len + 1);
      if (cur % size !== 0 || cur + size - 1 > end) break;
      len--;
    }
    out.push(`${formatIpv4(cur)}/${len}`);
    cur += 2 ** (32 - len);
  }
  return out;
}

/** Minimal CIDR list covering exactly [start, end] of 64-bit keys (the top half of IPv6 addresses). */
export function rangeToCidrs6(start: bigint, end: bigint, out: string[] = []): string[] {
  let cur = start;
  while (cur <= end) {
    let len = 64;
    while (len > 0) {
      const size = 1n << BigInt(64 - len + 1);
      if (cur % size !== 0n || cur + size - 1n > end) break;
      len--;
    }
    out.push(`${formatIpv6(cur << 64n)}/${len}`);
    cur += 1n << BigInt(64 - len);
  }
  return out;
}
