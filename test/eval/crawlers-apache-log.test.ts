/**
 * Declared crawlers in a real 2015 Apache log (elastic/examples), checked against Google's and Bing's
 * ranges as published in 2026. The log predates the ranges by eleven years, so addresses Google has since
 * retired show up as failures: the figures are reported, not tuned (docs/benchmarks/user-agents.md).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CrawlerVerifier, classifyUserAgent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { netOf } from './crawlers-support.js';

const LINE = /^(\S+) \S+ \S+ \[[^\]]*\] "[^"]*" \d{3} \S+ "[^"]*" "([^"]*)"/;

describe.skipIf(!HAS_SHARED_DATA)('declared crawlers in the elastic 2015 Apache log', () => {
  it('recognises the crawlers and verifies the real Googlebot 66.249.73.135 by published range', () => {
    const text = gunzipSync(readFileSync(sharedPath('logs/elastic-apache-2015.log.gz'))).toString('utf8');
    const verifier = new CrawlerVerifier({
      rdns: false,
      rangeFiles: {
        googlebot: [sharedPath('reference/crawler_ip_ranges/cloud-ips_googlebot.json')],
        bingbot: [sharedPath('reference/crawler_ip_ranges/ipranges_bing_ipv4.txt')],
        google_user_fetcher: [
          sharedPath('reference/crawler_ip_ranges/cloud-ips_user-triggered-fetchers.json'),
          sharedPath('reference/crawler_ip_ranges/cloud-ips_googleutf.json'),
        ],
        google_special: [sharedPath('reference/crawler_ip_ranges/cloud-ips_googlesc.json')],
      },
    });
    const classes: Record<string, number> = {};
    const verdicts: Record<string, { true: number; false: number; undefined: number; ips: Set<string> }> = {};
    let lines = 0;
    for (const line of text.split('\n')) {
      const m = LINE.exec(line);
      if (!m) continue;
      lines++;
      const ua = classifyUserAgent(m[2]!);
      classes[ua.class] = (classes[ua.class] ?? 0) + 1;
      const v = verifier.verify(m[1]!, ua, netOf(m[1]!));
      if (!v) continue;
      verdicts[v.family] ??= { true: 0, false: 0, undefined: 0, ips: new Set() };
      const slot = verdicts[v.family]!;
      slot[String(v.verified) as 'true' | 'false' | 'undefined']++;
      slot.ips.add(m[1]!);
    }
    const summary = Object.fromEntries(
      Object.entries(verdicts)
        .filter(([, s]) => s.ips.size > 2)
        .map(([f, s]) => [f, { verified: s.true, failed: s.false, unchecked: s.undefined, addresses: s.ips.size }]),
    );
    console.log('elastic apache 2015', JSON.stringify({ lines, classes, summary }));
    expect(lines).toBeGreaterThan(9_900);
    expect(verifier.verify('66.249.73.135', classifyUserAgent('Googlebot/2.1'), netOf('66.249.73.135'))?.verified).toBe(
      true,
    );
    expect(summary.googlebot?.verified).toBeGreaterThan(500);
  });
});
