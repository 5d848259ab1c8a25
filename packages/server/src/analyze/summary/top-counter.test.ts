import { describe, expect, it } from 'vitest';
import { TopCounter } from './top-counter.js';

describe('TopCounter', () => {
  it('returns the most frequent keys, ties broken by value, exact below the key limit', () => {
    const c = new TopCounter();
    for (const [k, n] of [
      ['b', 3],
      ['a', 3],
      ['c', 5],
      ['d', 1],
      ['e', 2],
    ] as const) {
      for (let i = 0; i < n; i++) c.add(k);
    }
    expect(c.top(3)).toEqual([
      { value: 'c', count: 5 },
      { value: 'a', count: 3 },
      { value: 'b', count: 3 },
    ]);
    expect(c.top(10)).toHaveLength(5);
    expect(c.exact).toBe(true);
    expect(c.distinct).toBe(5);
  });

  it('keeps heavy hitters with bounded memory when there are far more distinct keys than the limit', () => {
    const c = new TopCounter(1000);
    for (let i = 0; i < 200_000; i++) {
      c.add(`rare-${i}`);
      if (i % 10 === 0) c.add('heavy-1');
      if (i % 20 === 0) c.add('heavy-2');
    }
    expect(c.distinct).toBeLessThanOrEqual(1001);
    expect(c.exact).toBe(false);
    const [first, second] = c.top(2);
    expect(first!.value).toBe('heavy-1');
    expect(second!.value).toBe('heavy-2');
    // Counts may overestimate by at most maxError, never underestimate.
    expect(first!.count).toBeGreaterThanOrEqual(20_000);
    expect(first!.count - c.maxError).toBeLessThanOrEqual(20_000);
  });
});
