/**
 * Sorted, non-overlapping address ranges with one 32-bit value each (an ASN or a packed country code),
 * searched by binary search. IPv4 ranges are unsigned 32-bit; IPv6 ranges keep only the top 64 bits of
 * each address as two 32-bit halves, because nothing routed or registered is smaller than a /64 in
 * practice, and a 64-bit key keeps the search free of bigints.
 */

export interface RangeTable4 {
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly value: Uint32Array;
}

export interface RangeTable6 {
  readonly startHi: Uint32Array;
  readonly startLo: Uint32Array;
  readonly endHi: Uint32Array;
  readonly endLo: Uint32Array;
  readonly value: Uint32Array;
}

/**
 * First-level index over the top 16 bits of the (start) key: rows whose start falls in bucket h are
 * rows buckets[h] .. buckets[h + 1] - 1. It narrows each search to a handful of rows, which matters
 * because a plain binary search over half a million rows costs ~19 cache misses per random address.
 */
export function bucketsOf(starts: Uint32Array): Uint32Array {
  const buckets = new Uint32Array(65_538);
  let row = 0;
  for (let h = 0; h <= 65_536; h++) {
    while (row < starts.length && starts[row]! >>> 16 < h) row++;
    buckets[h] = row;
  }
  buckets[65_537] = starts.length;
  return buckets;
}

/** Row of the range containing `v`, or -1. `buckets` MUST be `bucketsOf(t.start)` when given. */
export function findRange4(t: RangeTable4, v: number, buckets?: Uint32Array): number {
  const start = t.start;
  let lo = 0;
  let hi = start.length - 1;
  if (buckets) {
    const h = v >>> 16;
    // The answer starts in this bucket, or is the last row of an earlier one.
    lo = Math.max(0, buckets[h]! - 1);
    hi = buckets[h + 1]! - 1;
  }
  // Greatest row whose start <= v.
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (start[mid]! <= v) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi >= 0 && t.end[hi]! >= v ? hi : -1;
}

/** Row of the range containing the 64-bit key (vHi, vLo), or -1. `buckets`: `bucketsOf(t.startHi)`. */
export function findRange6(t: RangeTable6, vHi: number, vLo: number, buckets?: Uint32Array): number {
  const sHi = t.startHi;
  const sLo = t.startLo;
  let lo = 0;
  let hi = sHi.length - 1;
  if (buckets) {
    const h = vHi >>> 16;
    lo = Math.max(0, buckets[h]! - 1);
    hi = buckets[h + 1]! - 1;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const h = sHi[mid]!;
    if (h < vHi || (h === vHi && sLo[mid]! <= vLo)) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0) return -1;
  const eh = t.endHi[hi]!;
  return eh > vHi || (eh === vHi && t.endLo[hi]! >= vLo) ? hi : -1;
}

/** Packs an upper-case two-letter country code into a number (0 = none). */
export function packCountry(cc: string): number {
  if (!/^[A-Z]{2}$/.test(cc)) return 0;
  return (cc.charCodeAt(0) << 8) | cc.charCodeAt(1);
}

const COUNTRY_TEXT = new Map<number, string>();

/** The two-letter code of a packed country; strings are shared, so lookups do not allocate them. */
export function unpackCountry(packed: number): string | undefined {
  if (packed === 0) return undefined;
  let text = COUNTRY_TEXT.get(packed);
  if (text === undefined) {
    text = String.fromCharCode(packed >>> 8, packed & 255);
    COUNTRY_TEXT.set(packed, text);
  }
  return text;
}
