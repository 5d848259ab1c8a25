/**
 * Finds the busiest bucket (second or minute) of a stream of event times. Events usually arrive in time
 * order, so the current bucket is counted in two fields and only a bucket change touches the map. Old
 * buckets are dropped once the map holds `maxBuckets`, which bounds memory on any time span; an event
 * arriving later than that window (far out of order) starts its bucket again, so the peak can only be
 * under-counted, and only for such input.
 */

export class PeakRate {
  private readonly counts = new Map<number, number>();
  private bucket = Number.NaN;
  private count = 0;
  private newest = Number.NEGATIVE_INFINITY;
  peakCount = 0;
  /** Start of the busiest bucket, epoch ms. */
  peakStart = 0;

  constructor(
    private readonly bucketMs: number,
    private readonly maxBuckets = 4096,
  ) {}

  add(ts: number): void {
    const b = Math.floor(ts / this.bucketMs);
    if (b !== this.bucket) this.switchTo(b);
    const c = ++this.count;
    if (c > this.peakCount) {
      this.peakCount = c;
      this.peakStart = b * this.bucketMs;
    }
  }

  private switchTo(b: number): void {
    if (!Number.isNaN(this.bucket)) this.counts.set(this.bucket, this.count);
    this.bucket = b;
    this.count = this.counts.get(b) ?? 0;
    if (b > this.newest) this.newest = b;
    if (this.counts.size > this.maxBuckets) {
      const keepFrom = this.newest - this.maxBuckets / 2;
      for (const key of this.counts.keys()) if (key < keepFrom) this.counts.delete(key);
    }
  }
}
