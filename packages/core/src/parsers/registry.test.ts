import { describe, expect, it } from 'vitest';
import { RampartError } from '../errors.js';
import { createParser, detectFormat, PARSERS } from './registry.js';

describe('createParser', () => {
  it('fails on an unknown id with the list of known ids', () => {
    expect(() => createParser('nginx_fancy', {})).toThrow(/unknown format 'nginx_fancy'.*nginx_combined/);
  });

  it('fails with INVALID_CONFIG when a format config is missing or malformed', () => {
    for (const bad of [{}, { logFormat: 42 }, { logFormat: '$a$b' }]) {
      try {
        createParser('nginx', bad);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(RampartError);
        expect((err as RampartError).code).toBe('INVALID_CONFIG');
      }
    }
  });

  it('fails with INVALID_CONFIG on a trusted proxy that is not an address', () => {
    expect(() => createParser('nginx_combined', {}, { trustedProxies: ['not-a-cidr'] })).toThrow(/trustedProxies/);
  });

  it('has unique lower_snake_case ids, each with a description', () => {
    const ids = PARSERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PARSERS) {
      expect(p.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(p.description.length).toBeGreaterThan(10);
    }
  });
});

describe('detectFormat', () => {
  it('recognises nginx combined lines with full confidence', () => {
    const g = detectFormat([
      '192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "ua"',
      '',
      '192.0.2.2 - - [10/Oct/2023:13:55:37 +0000] "GET /x HTTP/1.1" 404 2 "-" "ua"',
    ]);
    expect(g.id).toBe('nginx_combined');
    expect(g.confidence).toBe(1);
  });

  it('returns an empty id and zero confidence when nothing matches', () => {
    expect(detectFormat(['hello world', 'nothing here'])).toMatchObject({ id: '', confidence: 0 });
  });
});
