/**
 * A real Apache combined log (10,000 lines of a blog, May 2015, from elastic/examples): auto-detection
 * must pick the combined layout, and every complete line must become an event whose fields match an
 * independent regex reading of the same line.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createParser, detectFormat } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';

// Deliberately simple and independent of the parser under test; it does not handle every edge case.
const COMBINED = /^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+)(?: (\S+))?" (\d{3}) (\S+) "([^"]*)" "(.*)"$/;

describe.skipIf(!HAS_SHARED_DATA)('a real Apache combined log', () => {
  const lines = HAS_SHARED_DATA
    ? gunzipSync(readFileSync(sharedPath('logs/elastic-apache-2015.log.gz')))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
    : [];

  it('is recognised as the combined layout from its first lines', () => {
    const guess = detectFormat(lines.slice(0, 200));
    expect(guess.id).toBe('nginx_combined');
    expect(guess.equivalent).toContain('apache_combined');
    expect(guess.confidence).toBe(1);
  });

  it('reads every line, with the fields an independent reading finds', () => {
    const parser = createParser('apache_combined', {});
    let events = 0;
    let compared = 0;
    const mismatches: string[] = [];
    lines.forEach((line, i) => {
      const r = parser.parse(line, 'apache.log', i + 1);
      if (r.kind !== 'event') {
        mismatches.push(`${i + 1}: ${r.kind === 'error' ? r.reason : r.kind}: ${line.slice(0, 80)}`);
        return;
      }
      events++;
      const m = COMBINED.exec(line);
      if (!m) return;
      compared++;
      const e = r.event;
      // A bare trailing '?' leaves an empty query, which the event cannot tell from no '?' at all.
      const target = e.query === '' ? e.path : `${e.path}?${e.query}`;
      const bytes = m[8] === '-' ? 0 : Number(m[8]);
      const ua = m[10] === '-' ? '' : m[10]!.replace(/\\"/g, '"');
      const same =
        e.ip === m[1] &&
        e.method === m[4] &&
        target === m[5]!.replace(/\?$/, '') &&
        e.status === Number(m[7]) &&
        e.bytes === bytes &&
        e.userAgent === ua &&
        e.ts === Date.parse(m[3]!.replace(/^(\d+)\/(\w+)\/(\d+):/, '$1 $2 $3 '));
      if (!same) mismatches.push(`${i + 1}: fields differ: ${line.slice(0, 80)}`);
    });
    console.log(
      `elastic apache: ${events}/${lines.length} events, ${compared} compared, ${mismatches.length} mismatches`,
    );
    expect(lines.length).toBe(10_000);
    // Line 8899 really is cut off inside its user agent (no closing quote): counted, not guessed.
    expect(mismatches).toEqual([expect.stringMatching(/^8899: truncated: /)]);
    expect(compared).toBeGreaterThan(9_900);
  });
});
