import { describe, expect, it } from 'vitest';
import { DistinctSketch, LogHistogram, logBucket } from './sketch.js';

describe('DistinctSketch', () => {
  it('counts exactly up to 16 distinct values, repeats included', () => {
    const s = new DistinctSketch();
    for (let r = 0; r < 3; r++) for (let i = 0; i < 16; i++) s.add(`/p/${i}`);
    expect(s.estimate()).toBe(16);
  });

  it('estimates large counts within 30% with a 64-register HyperLogLog', () => {
    for (const n of [100, 1000, 50_000]) {
      const s = new DistinctSketch();
      for (let i = 0; i < n; i++) s.add(`198.51.${i >> 8}.${i & 255}/${i}`);
      expect(Math.abs(s.estimate() - n) / n).toBeLessThan(0.3);
    }
  });
});

describe('LogHistogram', () => {
  it('tracks per-key totals as keys move between factor-2 buckets', () => {
    const h = new LogHistogram();
    const buckets = [1, 3, 8, 1000].map((v) => logBucket(v));
    for (const b of buckets) h.move(-1, b);
    expect(h.size).toBe(4);
    expect(h.quantile(0.5)).toBe(4);
    expect(h.quantile(1)).toBe(1024);
    h.move(buckets[3]!, logBucket(5000));
    expect(h.quantile(1)).toBe(8192);
  });
});
