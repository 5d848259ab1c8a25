import { describe, expect, it } from 'vitest';
import { internString } from './detach-string.js';

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
});
