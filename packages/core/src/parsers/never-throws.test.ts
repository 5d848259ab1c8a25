/**
 * Property-style check of the parser contract: whatever bytes arrive, every parser returns a result
 * and never throws. Inputs are seeded pseudo-random so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_OPTIONS } from './parser.js';
import { createParser, PARSERS } from './registry.js';

const CONFIGS: Record<string, Record<string, unknown>> = {
  nginx: { logFormat: 'log_format x escape=json \'{"t":"$msec","a":"$remote_addr","r":"$request","s":$status}\';' },
  apache: { logFormat: '%a %{X-Api-Key}i [%{%Y-%m-%dT%H:%M:%S%z}t] "%r" %>s %D' },
  json: { fields: { ts: 't', ip: 'a.b', status: 's', request: 'r', headers: 'h' } },
};

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEEDS = [
  '192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "ua"',
  '{"ClientIP":"1.2.3.4","EdgeStartTimestamp":1700000000,"EdgeResponseStatus":200,"ClientRequestURI":"/"}',
  'h2 2023-04-26T12:23:14.948827Z app/x 1.2.3.4:1 - -1 -1 -1 460 - 0 0 "GET / HTTP/1.1" "-"',
  '1.2.3.4:1 [06/Feb/2009:12:14:14.655] a b/c 1/2/3/4/5 200 1 - - ---- 0/0/0/0/0 0/0 "GET / HTTP/1.1"',
  '2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td.net\t/\t200',
];
const ALPHABET = ' "\\[]{}:/.,-0123456789abcxyzGET\t\x00\x16\x03\u00e9\ud800\ufffd%{}$';

function randomLine(next: () => number): string {
  const mode = next();
  if (mode < 0.4) {
    // Mutate a real-shaped line: cut, splice and flip characters.
    const base = SEEDS[Math.floor(next() * SEEDS.length)]!;
    const chars = [...base];
    const edits = 1 + Math.floor(next() * 6);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(next() * chars.length);
      const c = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
      if (next() < 0.5) chars[at] = c;
      else chars.splice(at, Math.floor(next() * 5));
    }
    return chars.join('').slice(0, Math.floor(next() * base.length * 1.2) + 1);
  }
  if (mode < 0.8) {
    let s = '';
    const len = Math.floor(next() * 200);
    for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    return s;
  }
  let s = '';
  const len = Math.floor(next() * 120);
  for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(next() * 0x10000));
  return s;
}

describe('every parser', () => {
  it.each(PARSERS.map((p) => p.id))('%s returns a result for 3,000 random and mutated lines without throwing', (id) => {
    const parser = createParser(id, CONFIGS[id] ?? {}, { ...DEFAULT_PARSE_OPTIONS, trustedProxies: ['10.0.0.0/8'] });
    const next = rng(id.length * 7919);
    const kinds = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const r = parser.parse(randomLine(next), 'fuzz', i + 1);
      expect(['event', 'skip', 'error']).toContain(r.kind);
      // The parsers' last-resort catch labels internal failures; none may happen on any input.
      if (r.kind === 'error') expect(r.detail).not.toMatch(/^parser error/);
      kinds.add(r.kind);
    }
    expect(kinds.has('error')).toBe(true);
  });

  it.each(PARSERS.map((p) => p.id))('%s sniffs random lines without throwing', (id) => {
    const next = rng(42);
    const lines = Array.from({ length: 50 }, () => randomLine(next));
    const share = PARSERS.find((p) => p.id === id)!.sniff(lines);
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  });
});
