/**
 * Live keys of one kind for one service. Memory is bounded two ways (docs/detection.md):
 * - idle eviction: `sweepIdle(now)` drops keys silent for longer than the longest window (24 h); the
 *   engine calls it after an evaluation, so no key is evicted before detectors saw its last events;
 * - a hard cap: reaching `maxKeys` evicts 1% of them by CLOCK (approximate LRU): keys touched since the
 *   hand last passed get a second chance. Evictions are counted.
 * It also keeps the distribution of per-key request and byte totals (the service's norm per key).
 */

import { detachString } from '../../util/detach-string.js';
import { type KeyKind, KeyStats } from './key-stats.js';
import { LogHistogram, logBucket } from './sketch.js';

export const IDLE_SECONDS = 24 * 3600;

export class KeyTable {
  readonly map = new Map<string, KeyStats>();
  /** Keys touched since the last evaluation. */
  touched: KeyStats[] = [];
  readonly requests = new LogHistogram();
  readonly bytes = new LogHistogram();
  evictedIdle = 0;
  evictedCap = 0;
  /**
   * No live key's `last` is below this (a key's `last` only grows): a sweep whose cutoff is not past it
   * has nothing to evict and skips the walk over every key.
   */
  private minLast = Number.POSITIVE_INFINITY;
  /** CLOCK hand for cap eviction. */
  private hand: IterableIterator<[string, KeyStats]> | undefined;

  private readonly copyKeys: boolean;

  constructor(
    readonly kind: KeyKind,
    private readonly maxKeys: number,
  ) {
    this.copyKeys = kind === 'api_key' || kind === 'user';
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): KeyStats | undefined {
    return this.map.get(key);
  }

  /** The key's stats, created on first sight; marks it touched. */
  upsert(key: string, sec: number): KeyStats {
    let ks = this.map.get(key);
    if (ks === undefined) {
      if (this.map.size >= this.maxKeys) this.evictBatch();
      // The key outlives its event and must not pin the log chunk it was sliced from: api keys and users
      // come straight from the event and are copied; ip, subnet and ASN keys are the enricher's cached
      // strings, kept as they are so that later lookups with the same string compare by identity.
      const own = this.copyKeys ? detachString(key) : key;
      ks = new KeyStats(this.kind, own, sec);
      if (sec < this.minLast) this.minLast = sec;
      this.map.set(own, ks);
    }
    this.touch(ks);
    return ks;
  }

  /**
   * `upsert` for a caller that kept the stats it got for an earlier event: no lookup when they are this
   * key's and still in the table (not evicted since), else the normal lookup.
   */
  upsertKnown(known: KeyStats | undefined, key: string, sec: number): KeyStats {
    if (known === undefined || known.evicted || known.key !== key) return this.upsert(key, sec);
    this.touch(known);
    return known;
  }

  private touch(ks: KeyStats): void {
    if (!ks.dirty) {
      ks.dirty = true;
      this.touched.push(ks);
    }
  }

  /** Updates the per-key distributions after `ks` observed an event. */
  account(ks: KeyStats): void {
    // Buckets change only when a total crosses a power of two: skip the logarithm otherwise.
    if (ks.n >= ks.reqNext) {
      const rb = logBucket(ks.n);
      this.requests.move(ks.reqBucket, rb);
      ks.reqBucket = rb;
      ks.reqNext = 2 ** rb;
    }
    if (ks.bytes >= ks.bytesNext) {
      const bb = logBucket(ks.bytes);
      this.bytes.move(ks.bytesBucket, bb);
      ks.bytesBucket = bb;
      ks.bytesNext = 2 ** bb;
    }
  }

  /** Clears the touched list after an evaluation. */
  resetTouched(): void {
    for (const ks of this.touched) ks.dirty = false;
    this.touched = [];
  }

  sweepIdle(nowSec: number): void {
    const cutoff = nowSec - IDLE_SECONDS;
    if (cutoff <= this.minLast) return;
    let minLast = Number.POSITIVE_INFINITY;
    for (const [k, ks] of this.map) {
      if (ks.last < cutoff && !ks.dirty) {
        this.drop(k, ks);
        this.evictedIdle++;
      } else if (ks.last < minLast) minLast = ks.last;
    }
    this.minLast = minLast;
  }

  private drop(key: string, ks: KeyStats): void {
    ks.evicted = true;
    this.map.delete(key);
    this.requests.remove(ks.reqBucket);
    this.bytes.remove(ks.bytesBucket);
  }

  /**
   * Evicts 1% of the cap by CLOCK: the hand (a live Map iterator, kept between calls) clears the bit of
   * keys used since it last passed and evicts the others. Keeping the hand matters: restarting from the
   * front of a V8 Map after deletions makes every scan skip the deleted slots, which turns quadratic.
   */
  private evictBatch(): void {
    const target = Math.max(1, Math.floor(this.maxKeys / 100));
    let evicted = 0;
    for (let steps = 2 * this.map.size + 2; evicted < target && steps > 0; steps--) {
      if (this.hand === undefined) this.hand = this.map.entries();
      let it = this.hand.next();
      if (it.done) {
        this.hand = this.map.entries();
        it = this.hand.next();
        if (it.done) return;
      }
      const [k, ks] = it.value;
      if (ks.recent) {
        ks.recent = false;
        continue;
      }
      this.drop(k, ks);
      this.evictedCap++;
      evicted++;
    }
  }
}
