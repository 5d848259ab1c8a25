import { describe, expect, it } from 'vitest';
import { AddressCounter, formatIpv4, ipv4Value } from './address-counter.js';
import { TopCounter } from './top-counter.js';

/** A deterministic pseudo-random sequence (a failure must be reproducible). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('ipv4Value', () => {
  it('reads canonical dotted addresses and round-trips them', () => {
    for (const a of ['0.0.0.0', '1.2.3.4', '10.0.0.255', '192.168.100.7', '255.255.255.255']) {
      expect(formatIpv4(ipv4Value(a))).toBe(a);
    }
    expect(ipv4Value('255.255.255.255')).toBe(2 ** 32 - 1);
  });

  it('refuses what would not round-trip or is not an address', () => {
    for (const a of [
      '01.2.3.4',
      '1.2.3.04',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1..2.3',
      '1.2.3.',
      '::1',
      'a.b.c.d',
      '',
    ]) {
      expect(ipv4Value(a)).toBe(-1);
    }
  });
});

describe('AddressCounter', () => {
  it('counts exactly as TopCounter does on mixed input (IPv4, IPv6, odd spellings), growing its table', () => {
    const rnd = lcg(11);
    const a = new AddressCounter();
    const t = new TopCounter();
    const pool = [
      ...Array.from({ length: 5000 }, (_, i) => `10.${i >> 8}.${i & 255}.${i % 7}`),
      '2001:db8::1',
      '2001:db8::2',
      '01.2.3.4',
      'unknown',
    ];
    for (let i = 0; i < 60_000; i++) {
      // Skewed: low indexes far more often, so the top list has a clear order with ties further down.
      const k = pool[Math.floor(rnd() ** 3 * pool.length)]!;
      a.add(k);
      t.add(k);
    }
    expect(a.distinct).toBe(t.distinct);
    expect(a.exact).toBe(true);
    expect(a.top(25)).toEqual(t.top(25));
    expect(a.top(0)).toEqual([]);
  });

  it('keeps heavy hitters with bounded memory past its key limit', () => {
    const a = new AddressCounter(1000);
    for (let i = 0; i < 200_000; i++) {
      a.add(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      if (i % 10 === 0) a.add('192.0.2.1');
      if (i % 20 === 0) a.add('2001:db8::9');
    }
    expect(a.distinct).toBeLessThanOrEqual(2002);
    expect(a.exact).toBe(false);
    const [first, second] = a.top(2);
    expect(first!.value).toBe('192.0.2.1');
    expect(second!.value).toBe('2001:db8::9');
    // Counts may overestimate by at most maxError, never underestimate.
    expect(first!.count).toBeGreaterThanOrEqual(20_000);
    expect(first!.count - a.maxError).toBeLessThanOrEqual(20_000);
  });
});
