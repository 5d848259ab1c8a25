/**
 * Forward-confirmed reverse DNS against a real DNS server the test starts on 127.0.0.1 (UDP): confirmed,
 * PTR without forward confirmation, NXDOMAIN, a server that never answers, no server at all, IPv6, the
 * result cache and the concurrency bound. The pipeline call stays synchronous throughout.
 */
import { Resolver } from 'node:dns/promises';
import { CrawlerVerifier, type DnsResolverLike } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ptrName, startDnsServer, type TestDnsServer } from '../support/dns-server.js';
import { BINGBOT_UA, GOOGLEBOT_UA, netOf } from './crawlers-support.js';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    [`PTR ${ptrName('66.249.66.1')}`]: ['crawl-66-249-66-1.googlebot.com.'],
    'A crawl-66-249-66-1.googlebot.com': ['66.249.66.1'],
    [`PTR ${ptrName('2001:4860:4801:10::1')}`]: ['crawl-2001-4860-4801-10--1.googlebot.com'],
    'AAAA crawl-2001-4860-4801-10--1.googlebot.com': ['2001:4860:4801:10::1'],
    // A spoofer who controls its own PTR but not Google's zone.
    [`PTR ${ptrName('203.0.113.5')}`]: ['crawl-66-249-66-9.googlebot.com'],
    'A crawl-66-249-66-9.googlebot.com': ['66.249.66.9'],
    [`PTR ${ptrName('198.51.100.7')}`]: ['vps-7.example.net'],
    'A vps-7.example.net': ['198.51.100.7'],
    [`PTR ${ptrName('157.55.39.1')}`]: ['msnbot-157-55-39-1.search.msn.com'],
    'A msnbot-157-55-39-1.search.msn.com': ['157.55.39.1'],
    [`PTR ${ptrName('192.0.2.77')}`]: 'drop',
  });
});

afterAll(async () => {
  await dns.close();
});

function verifier(extra: Partial<ConstructorParameters<typeof CrawlerVerifier>[0]> = {}): CrawlerVerifier {
  return new CrawlerVerifier({ dnsServers: [dns.address], rdnsTimeoutMs: 400, ...extra });
}

describe('forward-confirmed reverse DNS', () => {
  it('answers "pending" at once, then verified once the PTR and forward lookups confirm', async () => {
    const v = verifier();
    const net = netOf('66.249.66.1');
    expect(v.verify('66.249.66.1', GOOGLEBOT_UA, net)).toEqual({
      family: 'googlebot',
      verified: undefined,
      method: 'rdns',
    });
    await v.settled();
    expect(v.verify('66.249.66.1', GOOGLEBOT_UA, net)).toEqual({ family: 'googlebot', verified: true, method: 'rdns' });
  });

  it('confirms an IPv6 crawler through ip6.arpa and AAAA', async () => {
    const v = verifier();
    expect(await v.verifyNow('2001:4860:4801:10::1', GOOGLEBOT_UA, netOf('2001:4860:4801:10::1'))).toMatchObject({
      verified: true,
      method: 'rdns',
    });
  });

  it('fails a PTR that claims googlebot.com when the forward lookup does not return the address', async () => {
    const v = verifier();
    expect(await v.verifyNow('203.0.113.5', GOOGLEBOT_UA, netOf('203.0.113.5'))).toEqual({
      family: 'googlebot',
      verified: false,
      method: 'rdns',
    });
  });

  it("fails a confirmed PTR outside the family's suffixes, and a Bing PTR claimed by a Googlebot agent", async () => {
    const v = verifier();
    expect((await v.verifyNow('198.51.100.7', GOOGLEBOT_UA, netOf('198.51.100.7')))?.verified).toBe(false);
    expect((await v.verifyNow('157.55.39.1', GOOGLEBOT_UA, netOf('157.55.39.1')))?.verified).toBe(false);
    expect((await v.verifyNow('157.55.39.1', BINGBOT_UA, netOf('157.55.39.1')))?.verified).toBe(true);
  });

  it('fails an address without a PTR record (NXDOMAIN)', async () => {
    const v = verifier();
    expect(await v.verifyNow('192.0.2.55', GOOGLEBOT_UA, netOf('192.0.2.55'))).toMatchObject({
      verified: false,
      method: 'rdns',
    });
  });

  it('falls back to the static answer when the server never answers (timeout)', async () => {
    const v = verifier({ rdnsTimeoutMs: 200 });
    const started = Date.now();
    expect(await v.verifyNow('192.0.2.77', GOOGLEBOT_UA, netOf('192.0.2.77'))).toMatchObject({ verified: undefined });
    expect(Date.now() - started).toBeLessThan(2_000);
    // With an ASN that is not Google's, the static negative stands.
    expect(v.verify('192.0.2.77', GOOGLEBOT_UA, netOf('192.0.2.77', 64496))).toMatchObject({
      verified: false,
      method: 'asn',
    });
  });

  it('works offline: with no DNS server reachable the static checks decide, and with rdns off no query is sent', async () => {
    const offline = new CrawlerVerifier({ dnsServers: ['127.0.0.1:9'], rdnsTimeoutMs: 300 });
    expect(await offline.verifyNow('66.249.66.1', GOOGLEBOT_UA, netOf('66.249.66.1', 15169))).toMatchObject({
      verified: true,
      method: 'asn',
    });
    expect(await offline.verifyNow('198.51.100.8', GOOGLEBOT_UA, netOf('198.51.100.8', 64496))).toMatchObject({
      verified: false,
    });
    const before = dns.queries.length;
    const off = verifier({ rdns: false });
    expect(off.verify('198.51.100.7', GOOGLEBOT_UA, netOf('198.51.100.7'))).toMatchObject({ verified: undefined });
    await off.settled();
    expect(dns.queries.length).toBe(before);
  });

  it('asks DNS once per address and keeps the answer', async () => {
    const v = verifier();
    const before = dns.queries.filter((q) => q.startsWith('PTR 1.66.249.66')).length;
    await v.verifyNow('66.249.66.1', GOOGLEBOT_UA, netOf('66.249.66.1'));
    for (let i = 0; i < 100; i++) v.verify('66.249.66.1', GOOGLEBOT_UA, netOf('66.249.66.1'));
    await v.settled();
    expect(dns.queries.filter((q) => q.startsWith('PTR 1.66.249.66')).length).toBe(before + 1);
  });

  it('runs at most the configured number of checks at once', async () => {
    const real = new Resolver({ timeout: 400, tries: 1 });
    real.setServers([dns.address]);
    let running = 0;
    let peak = 0;
    const counting: DnsResolverLike = {
      async resolvePtr(name) {
        running++;
        peak = Math.max(peak, running);
        try {
          await new Promise((r) => setTimeout(r, 20));
          return await real.resolvePtr(name);
        } finally {
          running--;
        }
      },
      resolve4: (h) => real.resolve4(h),
      resolve6: (h) => real.resolve6(h),
    };
    const v = new CrawlerVerifier({ resolver: counting, rdnsConcurrency: 2 });
    for (let i = 1; i <= 10; i++) v.verify(`192.0.2.${100 + i}`, GOOGLEBOT_UA, netOf(`192.0.2.${100 + i}`));
    await v.settled();
    expect(peak).toBe(2);
    expect(v.verify('192.0.2.101', GOOGLEBOT_UA, netOf('192.0.2.101'))?.verified).toBe(false);
  });
});
