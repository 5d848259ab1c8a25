/**
 * Event-time ordering with bounded lateness. Events wait in per-second buckets until the watermark
 * (newest event time − lateness) passes them, then are released in a canonical order: by time, then
 * client, path and raw line. That order does not depend on how the input was split or jittered, which
 * is what makes findings identical whether a log is read live, replayed, or fed in several files.
 * Events older than what was already released are late: counted and dropped by the caller.
 */
import type { EnrichedEvent } from '../../event/enriched-event.js';

export function compareEvents(a: EnrichedEvent, b: EnrichedEvent): number {
  const ra = a.req;
  const rb = b.req;
  if (ra.ts !== rb.ts) return ra.ts - rb.ts;
  if (a.client !== b.client) return a.client < b.client ? -1 : 1;
  if (ra.path !== rb.path) return ra.path < rb.path ? -1 : 1;
  if (ra.raw !== rb.raw) return ra.raw < rb.raw ? -1 : 1;
  return 0;
}

export class ReorderBuffer {
  private readonly buckets = new Map<number, EnrichedEvent[]>();
  /** Pending seconds, ascending. */
  private seconds: number[] = [];
  /** Every event before this second has been released; earlier arrivals are late. */
  releasedBefore = Number.NEGATIVE_INFINITY;
  maxSec = Number.NEGATIVE_INFINITY;
  pending = 0;

  constructor(private readonly latenessSeconds: number) {}

  /** Buffers the event; false when it is late (its second was already released). */
  push(e: EnrichedEvent): boolean {
    const sec = Math.floor(e.req.ts / 1000);
    if (sec < this.releasedBefore) return false;
    let bucket = this.buckets.get(sec);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(sec, bucket);
      const s = this.seconds;
      if (s.length === 0 || s[s.length - 1]! < sec) s.push(sec);
      else {
        let i = s.length - 1;
        while (i > 0 && s[i - 1]! > sec) i--;
        s.splice(i, 0, sec);
      }
    }
    bucket.push(e);
    this.pending++;
    if (sec > this.maxSec) this.maxSec = sec;
    return true;
  }

  /** Seconds that may be released now: those before newest − lateness. */
  get cutoff(): number {
    return this.maxSec - this.latenessSeconds;
  }

  /**
   * Releases, in canonical order, every bucket whose second is < `beforeSec`, calling `emit` per bucket
   * with its second and its sorted events.
   */
  release(beforeSec: number, emit: (sec: number, events: EnrichedEvent[]) => void): void {
    const s = this.seconds;
    let i = 0;
    while (i < s.length && s[i]! < beforeSec) {
      const sec = s[i]!;
      const bucket = this.buckets.get(sec)!;
      this.buckets.delete(sec);
      if (bucket.length > 1) bucket.sort(compareEvents);
      this.pending -= bucket.length;
      emit(sec, bucket);
      i++;
    }
    if (i > 0) this.seconds = s.slice(i);
    if (beforeSec > this.releasedBefore) this.releasedBefore = beforeSec;
  }
}
