import { describe, expect, it } from 'vitest';
import type { IpInfo, NetworkType } from '../event/enriched-event.js';
import { type RecommendInput, recommend } from './recommend.js';

const net = (networkType: NetworkType): IpInfo => ({
  ip: '198.51.100.7',
  version: 4,
  scope: 'public',
  asn: 64500,
  org: 'Example Net',
  prefix: '198.51.100.0/24',
  country: 'NL',
  networkType,
  sources: {},
});

const input = (over: Partial<RecommendInput>): RecommendInput => ({
  category: 'credential_stuffing',
  entity: { kind: 'ip', value: '198.51.100.7' },
  score: 0.95,
  net: net('hosting'),
  crawler: undefined,
  sharedAddress: false,
  ...over,
});

describe('recommend', () => {
  it('bans a hosting address and names the network in the reason', () => {
    const r = recommend(input({}));
    expect(r).toMatchObject({ action: 'ban', scope: 'ip', target: '198.51.100.7', abuseReport: false });
    expect(r.reason).toMatch(/hosting network Example Net \(AS64500\)/);
  });

  it('throttles a hosting address when the evidence is weak', () => {
    expect(recommend(input({ score: 0.4 })).action).toBe('throttle');
  });

  it('throttles a residential address and asks for an abuse report', () => {
    const r = recommend(input({ net: net('residential'), requests: 100 }));
    expect(r).toMatchObject({ action: 'throttle', abuseReport: true });
  });

  it('bans a residential address only briefly, and only for heavy clear-cut abuse', () => {
    const heavy = recommend(input({ net: net('residential'), requests: 5000 }));
    expect(heavy).toMatchObject({ action: 'ban', ttlSeconds: 3600, abuseReport: true });
    expect(recommend(input({ net: net('residential'), requests: 5000, category: 'scraping' })).action).toBe('throttle');
    expect(recommend(input({ net: net('residential'), requests: 5000, score: 0.85 })).action).toBe('throttle');
  });

  it('never bans a mobile carrier or shared address, whatever the score', () => {
    const mobile = recommend(input({ net: net('mobile'), score: 1, requests: 1e6 }));
    const shared = recommend(input({ net: net('residential'), sharedAddress: true, score: 1, requests: 1e6 }));
    for (const r of [mobile, shared]) {
      expect(r.action).toBe('throttle');
      expect(r.ttlSeconds).toBeLessThanOrEqual(3600);
    }
    expect(mobile.reason).toMatch(/never a long ban/);
  });

  it('never bans a verified crawler and throttles it only above the fair rate', () => {
    const crawler = { family: 'googlebot', verified: true, method: 'rdns' } as const;
    const calm = recommend(input({ crawler, ratePerMinute: 20, fairRatePerMinute: 60 }));
    const busy = recommend(input({ crawler, ratePerMinute: 300, fairRatePerMinute: 60 }));
    expect(calm.action).toBe('monitor');
    expect(busy.action).toBe('throttle');
    expect(busy.reason).toMatch(/googlebot.*300\/min, above the fair rate of 60\/min/);
  });

  it('treats a crawler that failed verification like any other client of its network', () => {
    const fake = { family: 'googlebot', verified: false, method: 'rdns' } as const;
    expect(recommend(input({ crawler: fake, category: 'crawler_impersonation' })).action).toBe('ban');
  });

  it('only monitors bad automation, a supporting signal', () => {
    expect(recommend(input({ category: 'bad_automation' })).action).toBe('monitor');
  });

  it('throttles API keys at the application rather than banning an address', () => {
    const r = recommend(
      input({ entity: { kind: 'api_key', value: 'k_1' }, net: undefined, category: 'api_key_abuse' }),
    );
    expect(r).toMatchObject({ action: 'throttle', scope: 'api_key', target: 'k_1' });
  });
});
