import { describe, expect, it } from 'vitest';
import { Rng } from './prng.js';

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextU32()
      )(new Rng(42)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextU32()
      )(new Rng(42)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextU32()
      )(new Rng(43)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('forks named streams that do not depend on how much the parent has been used', () => {
    const fresh = new Rng(7);
    const used = new Rng(7);
    for (let i = 0; i < 100; i++) used.float();
    expect(fresh.fork('scanner').nextU32()).toBe(used.fork('scanner').nextU32());
    expect(fresh.fork('scanner').nextU32()).not.toBe(fresh.fork('scraper').nextU32());
  });

  it('draws integers inside inclusive bounds, reaching both ends', () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('gives log-normal think times around their median', () => {
    const r = new Rng(3);
    const xs = Array.from({ length: 20_001 }, () => r.logNormal(20, 1)).sort((a, b) => a - b);
    expect(xs[10_000]).toBeGreaterThan(18);
    expect(xs[10_000]).toBeLessThan(22);
    // Heavy right tail: the 95th percentile is ~5x the median for sigma 1.
    expect((xs[19_000] as number) / (xs[10_000] as number)).toBeGreaterThan(4);
  });

  it('picks by weight', () => {
    const r = new Rng(9);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted(['a', 'b'], [9, 1]) === 'a') heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });
});
