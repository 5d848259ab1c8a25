import { describe, expect, it } from 'vitest';
import type { Finding } from '../detect/finding.js';
import type { EnrichedEvent, IpInfo } from '../event/enriched-event.js';
import { makeRequestEvent, type RequestEvent } from '../event/request-event.js';
import { candidateBans } from './candidate-ban.js';
import type { AllowEntry } from './list-entry.js';
import { simulate } from './simulate.js';
import { verdictOf } from './simulate-verdict.js';

const T = Date.UTC(2026, 0, 10, 0, 0, 0);

/**
 * The fixture, counted by hand (1,000 requests in range, 2 more outside it):
 * - 203.0.113.10 and .11 (flagged scrapers): 300 + 200 requests to /api/items on api.example.com, NL;
 * - 203.0.113.50 (not flagged, same /24): 5 requests to /login on www.example.com, NL;
 * - 203.0.113.77 (allowlisted office, same /24): 15 requests;
 * - 198.51.100.1 (unrelated): 480 requests;
 * - 2 requests from 203.0.113.10 the day before (out of range).
 * Ban 203.0.113.0/24 → blocks 505 (300 + 200 + 5), 3 addresses, spares 15 allowlisted;
 * unflagged: 5 requests from 1 address = 0.5% of 1,000 → "review" at the default thresholds.
 */
function fixture(): RequestEvent[] {
  const ev: RequestEvent[] = [];
  const add = (n: number, ip: string, path: string, host: string, ts0 = T) => {
    for (let i = 0; i < n; i++) {
      ev.push(makeRequestEvent({ ts: ts0 + i * 1000, ip, method: 'GET', path, status: 200, host, country: 'NL' }));
    }
  };
  add(300, '203.0.113.10', '/api/items', 'api.example.com');
  add(200, '203.0.113.11', '/api/items', 'api.example.com');
  add(5, '203.0.113.50', '/login', 'www.example.com');
  add(15, '203.0.113.77', '/dashboard', 'www.example.com');
  add(480, '198.51.100.1', '/', 'www.example.com');
  add(2, '203.0.113.10', '/old', 'api.example.com', T - 86_400_000);
  return ev;
}

const finding = (ip: string) => ({ id: ip, entity: { kind: 'ip', value: ip }, ips: undefined }) as unknown as Finding;
const office: AllowEntry = {
  id: 'a1',
  kind: 'ip',
  value: '203.0.113.77',
  service: undefined,
  reason: 'office',
  createdAt: 0,
  expiresAt: undefined,
  actor: 'x',
};

describe('simulate', () => {
  it('gives the hand-counted figures for a /24 ban on the fixture', async () => {
    const { entries } = candidateBans(['203.0.113.0/24']);
    const r = await simulate(fixture(), {
      bans: entries,
      allows: [office],
      findings: [finding('203.0.113.10'), finding('203.0.113.11')],
      from: T,
      to: T + 86_400_000,
    });
    expect(r.total).toEqual({ requests: 1000, addresses: 5 });
    expect(r.outOfRange).toBe(2);
    expect(r.blocked).toEqual({ requests: 505, addresses: 3, share: 0.505, byMode: { ban: 505, throttle: 0 } });
    expect(r.unflagged).toEqual({ requests: 5, addresses: 1, share: 0.005 });
    expect(r.allowlisted).toEqual({ requests: 15, addresses: 1 });
    expect(r.verifiedCrawlers).toEqual({ requests: 0, addresses: 0 });
    expect(r.top.paths).toEqual([
      { value: '/api/items', requests: 500 },
      { value: '/login', requests: 5 },
    ]);
    expect(r.top.hosts[0]).toEqual({ value: 'api.example.com', requests: 500 });
    expect(r.top.countries).toEqual([{ value: 'NL', requests: 505 }]);
    expect(r.verdict).toEqual({ level: 'review', text: 'review: 0.50% of traffic from unflagged clients (1 address)' });
  });

  it('calls a ban of only the flagged addresses safe', async () => {
    const { entries } = candidateBans(['203.0.113.10', '203.0.113.11']);
    const r = await simulate(fixture(), {
      bans: entries,
      findings: [finding('203.0.113.10'), finding('203.0.113.11')],
      from: T,
    });
    expect(r.blocked.requests).toBe(500);
    expect(r.verdict).toEqual({ level: 'safe', text: 'safe to ban: 0% of traffic from unflagged clients' });
  });

  it('takes flagged networks and ASNs as entities too', async () => {
    const { entries } = candidateBans(['203.0.113.0/24']);
    const r = await simulate(fixture(), {
      bans: entries,
      flaggedEntities: [{ kind: 'cidr', value: '203.0.113.0/25' }],
      from: T,
    });
    expect(r.unflagged.requests).toBe(0);
    expect(r.verdict.level).toBe('safe');
  });

  it('calls a ban that hits unflagged traffic heavily unsafe, and counts everything unflagged without findings', async () => {
    const { entries } = candidateBans(['198.51.100.0/24']);
    const r = await simulate(fixture(), { bans: entries, from: T });
    expect(r.flaggedKnown).toBe(false);
    expect(r.unflagged.requests).toBe(480);
    expect(r.verdict.level).toBe('unsafe');
    expect(r.verdict.text).toBe('unsafe: 48.00% of traffic from unflagged clients (1 address)');
  });

  it('counts verified crawler traffic separately and asks for review when a ban would hit it', async () => {
    const net: IpInfo = {
      ip: '66.249.66.1',
      version: 4,
      scope: 'public',
      asn: 15169,
      org: 'Google',
      prefix: undefined,
      country: 'US',
      networkType: 'hosting',
      sources: {},
    };
    const events: EnrichedEvent[] = Array.from({ length: 10 }, (_, i) => ({
      req: makeRequestEvent({ ts: T + i, ip: '66.249.66.1', method: 'GET', path: '/', status: 200 }),
      net,
      ua: { class: 'crawler', family: 'googlebot', major: undefined, crawler: 'googlebot' },
      crawler: { family: 'googlebot', verified: true, method: 'rdns' },
      client: '66.249.66.1',
      subnet: '66.249.66.0/24',
      service: 'default',
    }));
    const bans = candidateBans(['AS15169']).entries;
    const r = await simulate(events, {
      bans,
      findings: [finding('66.249.66.1')],
      thresholds: { safeUnflaggedShare: 0.5, unsafeUnflaggedShare: 0.9 },
    });
    expect(r.verifiedCrawlers).toEqual({ requests: 10, addresses: 1 });
    expect(r.verdict.level).toBe('review');
    expect(r.unenriched).toBe(0);
  });

  it('reads async iterables, and counts plain events that cannot match ASN or country entries', async () => {
    async function* gen() {
      yield makeRequestEvent({ ts: T, ip: '192.0.2.1', method: 'GET', path: '/', status: 200 });
    }
    const r = await simulate(gen(), { bans: candidateBans(['AS64500']).entries });
    expect(r.unenriched).toBe(1);
    expect(r.blocked.requests).toBe(0);
  });

  it('refuses candidate values that are not addresses, networks, ASNs or countries', () => {
    const { entries, invalid } = candidateBans(['203.0.113.1', 'evil;rm', 'ZZ']);
    expect(entries).toHaveLength(1);
    expect(invalid.map((i) => i.value)).toEqual(['evil;rm', 'ZZ']);
  });

  it('says there is nothing to measure without traffic', () => {
    const v = verdictOf({
      totalRequests: 0,
      blockedRequests: 0,
      unflaggedRequests: 0,
      unflaggedAddresses: 0,
      crawlerRequests: 0,
    });
    expect(v.level).toBe('review');
  });
});
