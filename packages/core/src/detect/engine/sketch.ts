/**
 * Small sketches for per-key state. `DistinctSketch` counts distinct strings exactly up to 16 (hashes in
 * a small array), then switches to a 64-register HyperLogLog (≈13% standard error, 64 bytes), so a key
 * costs nothing extra until it sees many distinct values. `LogHistogram` keeps the distribution of a
 * per-key total (requests, bytes) across all keys in factor-2 buckets, updated in O(1) when a key's
 * total crosses into the next bucket; its quantiles are the service's learned norms.
 */

/** 32-bit FNV-1a of a string; cheap and good enough to spread HyperLogLog registers. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix) so that short, similar strings spread over registers.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const EXACT_LIMIT = 16;
const HLL_BITS = 6;
const HLL_M = 1 << HLL_BITS;
const HLL_ALPHA = 0.709;

export class DistinctSketch {
  /** Exact count while below the limit; the first two hashes live inline (most keys see one or two values). */
  private count = 0;
  private h0 = 0;
  private h1 = 0;
  /** Hashes 3..16, allocated on the third distinct value. */
  private more: number[] | null = null;
  private hll: Uint8Array | null = null;
  /** Cached HyperLogLog estimate; -1 after a register changed. */
  private cached = -1;

  add(value: string): void {
    this.addHash(fnv1a(value));
  }

  addHash(hash: number): void {
    // int32 keeps the values small integers in V8 (no boxed doubles in fields or arrays).
    const h = hash | 0;
    if (this.hll !== null) {
      this.hllAdd(h);
      return;
    }
    const c = this.count;
    if (c === 0) {
      this.h0 = h;
      this.count = 1;
      return;
    }
    if (this.h0 === h || (c > 1 && this.h1 === h)) return;
    if (c === 1) {
      this.h1 = h;
      this.count = 2;
      return;
    }
    const more = this.more ?? [];
    if (more.includes(h)) return;
    this.more = more;
    if (c < EXACT_LIMIT) {
      more.push(h);
      this.count = c + 1;
      return;
    }
    this.hll = new Uint8Array(HLL_M);
    this.hllAdd(this.h0);
    this.hllAdd(this.h1);
    for (const x of more) this.hllAdd(x);
    this.more = null;
    this.hllAdd(h);
  }

  private hllAdd(h: number): void {
    const hll = this.hll!;
    const idx = h >>> (32 - HLL_BITS);
    const rest = (h << HLL_BITS) | (1 << (HLL_BITS - 1));
    const rank = Math.clz32(rest) + 1;
    if (rank > hll[idx]!) {
      hll[idx] = rank;
      this.cached = -1;
    }
  }

  /** Number of distinct values: exact up to 16, then estimated. */
  estimate(): number {
    if (this.hll === null) return this.count;
    if (this.cached >= 0) return this.cached;
    const hll = this.hll!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < HLL_M; i++) {
      sum += 2 ** -hll[i]!;
      if (hll[i] === 0) zeros++;
    }
    const raw = (HLL_ALPHA * HLL_M * HLL_M) / sum;
    this.cached = raw <= 2.5 * HLL_M && zeros > 0 ? Math.round(HLL_M * Math.log(HLL_M / zeros)) : Math.round(raw);
    return this.cached;
  }
}

const BUCKETS = 64;

/** Bucket b holds values in [2^(b-1), 2^b); bucket 0 holds values < 1. */
export function logBucket(v: number): number {
  if (v < 1) return 0;
  const b = Math.floor(Math.log2(v)) + 1;
  return b < BUCKETS ? b : BUCKETS - 1;
}

export class LogHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;

  /** Moves one key from bucket `from` (-1: new key) to bucket `to`. */
  move(from: number, to: number): void {
    if (from === to) return;
    if (from >= 0) this.counts[from]!--;
    else this.total++;
    this.counts[to]!++;
  }

  remove(from: number): void {
    if (from < 0) return;
    this.counts[from]!--;
    this.total--;
  }

  get size(): number {
    return this.total;
  }

  /** Upper bound of the bucket holding quantile q (0..1) of the keys; 0 when empty. */
  quantile(q: number): number {
    if (this.total <= 0) return 0;
    const rank = q * this.total;
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank && seen > 0) return b === 0 ? 1 : 2 ** b;
    }
    return 2 ** (BUCKETS - 1);
  }
}
