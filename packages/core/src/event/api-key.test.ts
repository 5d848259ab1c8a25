import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashCredential, keyFromAuthorization, keyFromHeader, keyFromQuery, queryParam } from './api-key.js';

describe('API key extraction', () => {
  it('stores a Bearer token as sha256: plus the first 12 hex digits of its hash', () => {
    const expected = `sha256:${createHash('sha256').update('tok-123').digest('hex').slice(0, 12)}`;
    expect(keyFromAuthorization('Bearer tok-123')).toBe(expected);
    expect(hashCredential('tok-123')).toBe(expected);
    expect(keyFromHeader('authorization', 'bearer tok-123')).toBe(expected);
  });

  it('ignores Basic credentials and empty values; keeps other headers raw', () => {
    expect(keyFromAuthorization('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(keyFromHeader('authorization', '-')).toBeUndefined();
    expect(keyFromHeader('x-api-key', 'k1')).toBe('k1');
  });

  it('finds query parameters by exact name only, percent-decoding their value', () => {
    expect(queryParam('a=1&api_key=x%2Fy&b=2', 'api_key')).toBe('x/y');
    expect(queryParam('my_api_key=no&api_key=yes', 'api_key')).toBe('yes');
    expect(queryParam('api_key=%zz', 'api_key')).toBe('%zz');
    expect(keyFromQuery('apikey=second', ['api_key', 'apikey'])).toBe('second');
    expect(keyFromQuery('x=1', ['api_key'])).toBeUndefined();
  });
});
