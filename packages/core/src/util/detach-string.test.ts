import { describe, expect, it } from 'vitest';
import { detachString, internString } from './detach-string.js';

describe('internString', () => {
  it('returns one shared copy for equal values cut from different lines', () => {
    const a = 'GET /products/1234567890/reviews HTTP/1.1'.slice(4, 32);
    const b = 'POST /products/1234567890/reviews HTTP/1.1'.slice(5, 33);
    expect(a).toBe(b);
    const ia = internString(a);
    expect(ia).toBe('/products/1234567890/reviews');
    // (Whether two strings are one object cannot be observed from JavaScript; the profile shows it.)
    expect(internString(b)).toBe(ia);
    expect(internString('/other/path/of/some/length')).not.toBe(ia);
  });

  it('never answers another value when values share a slot of the fast cache', () => {
    // 60k distinct values over 16k fast slots: many collide, and each must still come back as itself.
    const values = Array.from({ length: 60_000 }, (_, i) => `/users/${i}/orders?page=${i % 7}`);
    for (let round = 0; round < 2; round++) {
      for (const v of values) expect(internString(` ${v} `.slice(1, -1))).toBe(v);
    }
  });

  it('keeps the empty string and short values intact', () => {
    expect(internString('')).toBe('');
    expect(internString('GET')).toBe('GET');
    expect(detachString('x'.repeat(20))).toBe('x'.repeat(20));
  });
});
