import { describe, expect, it } from 'vitest';
import { GenerationalCache } from './generational-cache.js';

describe('GenerationalCache', () => {
  it('never holds more than its limit and keeps recently used entries', () => {
    const c = new GenerationalCache<number, number>(10);
    for (let i = 0; i < 100; i++) c.set(i, i * 2);
    expect(c.size).toBeLessThanOrEqual(10);
    expect(c.get(99)).toBe(198);
    expect(c.get(0)).toBeUndefined();
  });

  it('promotes a hit in the old generation so it survives the next turnover', () => {
    const c = new GenerationalCache<string, number>(4);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3); // 'a','b' are now old
    expect(c.get('a')).toBe(1); // promoted into the young generation
    c.set('d', 4);
    c.set('e', 5); // turnover: 'b' is dropped, 'a' survives
    expect(c.get('a')).toBe(1);
    expect(c.get('b')).toBeUndefined();
  });
});
