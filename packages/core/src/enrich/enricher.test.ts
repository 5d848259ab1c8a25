import { beforeAll, describe, expect, it } from 'vitest';
import { type EnrichConfig, EnrichConfigSchema } from '../config/enrich-config.js';
import { validateWithDefaults } from '../config/load-config.js';
import { makeRequestEvent } from '../event/request-event.js';
import { CrawlerVerifier } from './crawlers/crawler-verifier.js';
import { createEnricher } from './enricher.js';
import type { IpIndex } from './ip/ip-index.js';
import { loadIpIndex } from './ip/ip-index-file.js';
import { classifyUserAgent } from './user-agent/classify-user-agent.js';

const config = (over: object = {}) => validateWithDefaults(EnrichConfigSchema, over, 'enrich') as EnrichConfig;

let index: IpIndex;
beforeAll(() => {
  index = loadIpIndex().index;
});

const ev = (ip: string, extra: object = {}) =>
  makeRequestEvent({ ts: 0, ip, method: 'GET', path: '/', status: 200, userAgent: 'curl/8.5.0', ...extra });

describe('createEnricher', () => {
  it('does one index lookup per distinct address however many events it sees', () => {
    const e = createEnricher(config(), { ipIndex: index, crawlerVerifier: false });
    const before = index.lookups;
    const ips = ['1.0.0.1', '8.8.8.8', '2001:4860:4860::8888', '10.1.2.3', '81.2.69.160'];
    for (let round = 0; round < 200; round++) for (const ip of ips) e.enrich(ev(ip));
    // The private address never reaches the index.
    expect(index.lookups - before).toBe(4);
    expect(e.stats).toMatchObject({ events: 1000, addressLookups: 5, userAgentLookups: 1 });
  });

  it('fills net, client, subnet and service for IPv4 and IPv6', () => {
    const e = createEnricher(config(), {
      ipIndex: index,
      crawlerVerifier: false,
      serviceOf: (h) => (h === 'api.example.com' ? 'api' : 'default'),
    });
    const v4 = e.enrich(ev('8.8.8.8', { host: 'api.example.com' }));
    expect(v4.net).toMatchObject({ asn: 15169, org: 'Google LLC', networkType: 'hosting', scope: 'public' });
    expect(v4.net.sources).toMatchObject({ asn: 'ip-location-db/asn', networkType: 'asn-table' });
    expect(v4).toMatchObject({ client: '8.8.8.8', subnet: '8.8.8.0/24', service: 'api' });
    const v6 = e.enrich(ev('2001:4860:4860::8888'));
    expect(v6).toMatchObject({ client: '2001:4860:4860::/64', subnet: '2001:4860:4860::/64', service: 'default' });
    expect(v6.net.asn).toBe(15169);
  });

  it('honours configured client and subnet prefix lengths', () => {
    const e = createEnricher(config({ ipv6ClientPrefix: 48, subnetV4: 16, subnetV6: 56 }), {
      ipIndex: index,
      crawlerVerifier: false,
    });
    expect(e.enrich(ev('2001:db8:1:2::1'))).toMatchObject({ client: '2001:db8:1::/48', subnet: '2001:db8:1::/56' });
    expect(e.enrich(ev('192.0.2.77')).subnet).toBe('192.0.0.0/16');
    const perAddress = createEnricher(config({ ipv6ClientPrefix: 128 }), { ipIndex: index, crawlerVerifier: false });
    expect(perAddress.enrich(ev('2001:db8:1:2::1')).client).toBe('2001:db8:1:2::1');
  });

  it('uses the ASN and country the log carries when the index has none, and says so', () => {
    const e = createEnricher(config(), { ipIndex: index, crawlerVerifier: false });
    const out = e.enrich(ev('0.1.0.0', {}));
    expect(out.net.scope).toBe('reserved');
    const nat64 = e.enrich(ev('64:ff9b::102:304', { asn: 13335, country: 'au' }));
    expect(nat64.net).toMatchObject({ asn: 13335, org: 'Cloudflare, Inc.', country: 'AU', networkType: 'hosting' });
    expect(nat64.net.sources).toMatchObject({ asn: 'log', country: 'log' });
  });

  it('keeps going on an address that is not one', () => {
    const e = createEnricher(config(), { ipIndex: index, crawlerVerifier: false });
    const out = e.enrich(ev('unknown'));
    expect(out.net).toMatchObject({ scope: 'reserved', asn: undefined, sources: { scope: 'invalid-address' } });
    expect(e.stats.invalidAddresses).toBe(1);
  });

  it('classifies each distinct user agent once and verifies declared crawlers', () => {
    let calls = 0;
    const e = createEnricher(config({ userAgentCacheSize: 2 }), {
      ipIndex: index,
      classifyUserAgent: (ua) => {
        calls++;
        return classifyUserAgent(ua);
      },
      crawlerVerifier: new CrawlerVerifier({ rdns: false }),
    });
    const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    for (let i = 0; i < 50; i++) e.enrich(ev('66.249.66.1', { userAgent: googlebot }));
    expect(calls).toBe(1);
    const fake = e.enrich(ev('81.2.69.160', { userAgent: googlebot }));
    expect(fake.ua.crawler).toBe('googlebot');
    expect(fake.crawler).toMatchObject({ family: 'googlebot', verified: false });
    expect(e.enrich(ev('8.8.8.8')).crawler).toBeUndefined();
  });

  it('evicts the oldest addresses when the cache is full, so memory stays bounded', () => {
    const e = createEnricher(config({ addressCacheSize: 2 }), { ipIndex: index, crawlerVerifier: false });
    for (const ip of ['1.1.1.1', '1.0.0.1', '8.8.8.8', '1.1.1.1']) e.enrich(ev(ip));
    expect(e.stats.addressLookups).toBe(4);
  });
});
