import { describe, expect, it } from 'vitest';
import type { Finding, FindingEnrichment } from '../detect/finding.js';
import { type TrafficCounts, widen } from './widen.js';

const enrichment = (over: Partial<FindingEnrichment>): FindingEnrichment => ({
  asn: 64500,
  org: 'Example Cloud',
  country: 'DE',
  networkType: 'hosting',
  prefix: undefined,
  abuseContact: undefined,
  crawler: undefined,
  ...over,
});

function finding(id: string, ip: string, requests: number, over: Partial<FindingEnrichment> = {}): Finding {
  return {
    id,
    detector: 'scraping',
    service: 'api',
    entity: { kind: 'ip', value: ip },
    category: 'scraping',
    score: 0.9,
    confidence: 0.9,
    summary: '',
    signals: [],
    recommendation: { action: 'ban', scope: 'ip', target: ip, ttlSeconds: 86400, reason: '', abuseReport: false },
    enrichment: enrichment(over),
    first_seen: '2026-01-10T00:00:00.000Z',
    last_seen: '2026-01-10T01:00:00.000Z',
    requests,
    evidence: [],
    ips: undefined,
  };
}

const index = (prefixes: Record<string, TrafficCounts>, asns: Record<number, TrafficCounts> = {}) => ({
  prefix: (c: string) => prefixes[c],
  asn: (a: number) => asns[a],
});

describe('widen', () => {
  it('proposes the prefix when several hosting addresses in it misbehave, stating what it covers', () => {
    const fs = [1, 2, 3].map((i) => finding(`f${i}`, `203.0.113.${i}`, 100));
    const [w] = widen(fs, index({ '203.0.113.0/24': { addresses: 5, requests: 310 } }));
    expect(w).toMatchObject({ scope: 'cidr', target: '203.0.113.0/24', findingIds: ['f1', 'f2', 'f3'] });
    expect(w?.coverage).toEqual({
      flaggedAddresses: 3,
      unflaggedAddresses: 2,
      flaggedRequests: 300,
      unflaggedRequests: 10,
    });
    expect(w?.recommendation.reason).toMatch(
      /3 flagged addresses \(300 requests\) and 2 unflagged addresses \(10 requests, 3\.23%/,
    );
  });

  it('does not widen with too few flagged addresses, too much legitimate traffic, or no traffic counts', () => {
    const two = [1, 2].map((i) => finding(`f${i}`, `203.0.113.${i}`, 100));
    expect(widen(two, index({ '203.0.113.0/24': { addresses: 2, requests: 200 } }))).toEqual([]);
    const three = [1, 2, 3].map((i) => finding(`f${i}`, `203.0.113.${i}`, 100));
    expect(widen(three, index({ '203.0.113.0/24': { addresses: 40, requests: 1000 } }))).toEqual([]);
    expect(widen(three, index({}))).toEqual([]);
  });

  it('never widens residential findings', () => {
    const fs = [1, 2, 3].map((i) => finding(`f${i}`, `203.0.113.${i}`, 100, { networkType: 'residential' }));
    expect(widen(fs, index({ '203.0.113.0/24': { addresses: 3, requests: 300 } }))).toEqual([]);
  });

  it('uses the routed prefix from enrichment and counts an address once across its findings', () => {
    const p = '198.51.96.0/20';
    const fs = [
      finding('a', '198.51.100.1', 50, { prefix: p }),
      finding('b', '198.51.100.1', 80, { prefix: p }),
      finding('c', '198.51.101.2', 10, { prefix: p }),
      finding('d', '198.51.102.3', 10, { prefix: p }),
    ];
    const [w] = widen(fs, index({ [p]: { addresses: 3, requests: 100 } }));
    expect(w?.coverage).toMatchObject({ flaggedAddresses: 3, flaggedRequests: 100, unflaggedRequests: 0 });
  });

  it('proposes the ASN when many of its prefixes misbehave and almost none of its traffic is legitimate', () => {
    const fs: Finding[] = [];
    const prefixes: Record<string, TrafficCounts> = {};
    for (const net of [10, 11, 12]) {
      for (const host of [1, 2, 3]) fs.push(finding(`f${net}.${host}`, `192.0.${net}.${host}`, 1000));
      prefixes[`192.0.${net}.0/24`] = { addresses: 3, requests: 3000 };
    }
    const clean = widen(fs, index(prefixes, { 64500: { addresses: 10, requests: 9010 } }));
    expect(clean.map((w) => w.target)).toEqual(['192.0.10.0/24', '192.0.11.0/24', '192.0.12.0/24', 'AS64500']);
    expect(clean[3]?.coverage).toEqual({
      flaggedAddresses: 9,
      unflaggedAddresses: 1,
      flaggedRequests: 9000,
      unflaggedRequests: 10,
    });
    const busy = widen(fs, index(prefixes, { 64500: { addresses: 500, requests: 50_000 } }));
    expect(busy.some((w) => w.scope === 'asn')).toBe(false);
  });
});
