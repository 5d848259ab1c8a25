/**
 * The enricher on a real log: 10,000 lines of a blog's Apache log (May 2015, 1,753 addresses, about a
 * quarter of the requests from crawlers). Checks that enriching it does exactly one IP lookup per
 * distinct address, and prints how its traffic splits by network type.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../packages/core/src/config/load-config.js';
import { createEnricher } from '../../packages/core/src/enrich/enricher.js';
import { loadIpIndex } from '../../packages/core/src/enrich/ip/ip-index-file.js';
import { createParser } from '../../packages/core/src/parsers/registry.js';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';

describe.skipIf(!HAS_SHARED_DATA)('enriching a real day of logs', () => {
  it('looks each distinct address up once and classes most traffic', () => {
    const text = gunzipSync(readFileSync(sharedPath('logs/elastic-apache-2015.log.gz'))).toString('utf8');
    const parser = createParser('apache_combined', {});
    const index = loadIpIndex().index;
    const enricher = createEnricher(configFromObject({}).enrich, { ipIndex: index, crawlerVerifier: false });
    const before = index.lookups;
    const ips = new Set<string>();
    const byType = new Map<string, number>();
    let line = 0;
    for (const raw of text.split('\n')) {
      const r = parser.parse(raw, 'apache.log', ++line);
      if (r.kind !== 'event') continue;
      const e = enricher.enrich(r.event);
      ips.add(r.event.ip);
      byType.set(e.net.networkType, (byType.get(e.net.networkType) ?? 0) + 1);
    }
    const events = [...byType.values()].reduce((a, b) => a + b, 0);
    console.log('requests by network type', Object.fromEntries(byType), 'distinct addresses', ips.size);
    expect(events).toBeGreaterThan(9_000);
    expect(ips.size).toBeGreaterThan(1_500);
    expect(enricher.stats.addressLookups).toBe(ips.size);
    expect(index.lookups - before).toBeLessThanOrEqual(ips.size);
    // Googlebot's 66.249.64.0/19 alone is a large share of this blog's traffic.
    expect(byType.get('hosting') ?? 0).toBeGreaterThan(events * 0.2);
    expect(byType.get('unknown') ?? 0).toBeLessThan(events * 0.5);
  });
});
