import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

describe('KeyTable', () => {
  it('keeps live keys under the cap, evicting keys not used recently first, and counts evictions', () => {
    const t = new KeyTable('ip', 1000);
    const hot = t.upsert('hot', 0);
    for (let i = 0; i < 5000; i++) {
      t.upsert(`k${i}`, i);
      hot.recent = true; // the hot key is used all the time
    }
    expect(t.size).toBeLessThanOrEqual(1000);
    expect(t.get('hot')).toBe(hot);
    expect(t.evictedCap).toBeGreaterThanOrEqual(4000);
  });

  it('evicts keys idle for longer than 24 hours at a sweep, but not keys touched since the last evaluation', () => {
    const t = new KeyTable('ip', 1000);
    t.upsert('old', 0);
    t.resetTouched();
    t.upsert('touched', 0);
    t.sweepIdle(90_000);
    expect(t.get('old')).toBeUndefined();
    expect(t.get('touched')).toBeDefined();
    expect(t.evictedIdle).toBe(1);
  });

  it('evicts in batches with a persistent hand, so a million inserts under a small cap complete', () => {
    const t = new KeyTable('ip', 50_000);
    for (let i = 0; i < 1_000_000; i++) t.upsert(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, i);
    expect(t.size).toBeLessThanOrEqual(50_000);
  });
});
