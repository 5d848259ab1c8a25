/**
 * Crawler verification against the operators' published ranges as copied in ../shared/data (Google's JSON
 * of 2026-08-20, plain CIDR lists from lord-alfred/ipranges), and the ASN policy. Reverse DNS is off here;
 * crawlers-rdns.test.ts covers it against a DNS server on loopback.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrawlerVerifier, classifyUserAgent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { APPLEBOT_UA, BINGBOT_UA, CLAUDEBOT_UA, GOOGLEBOT_UA, netOf, YANDEX_UA } from './crawlers-support.js';

const RANGES = 'reference/crawler_ip_ranges/';
const APPLE_STANDIN = join(mkdtempSync(join(tmpdir(), 'rampart-ranges-')), 'applebot.txt');
writeFileSync(APPLE_STANDIN, '# stand-in\n17.241.208.0/24\n');

describe.skipIf(!HAS_SHARED_DATA)('crawler verification with published ranges', () => {
  const verifier = new CrawlerVerifier({
    rdns: false,
    rangeFiles: {
      googlebot: [sharedPath(`${RANGES}cloud-ips_googlebot.json`)],
      bingbot: [sharedPath(`${RANGES}ipranges_bing_ipv4.txt`)],
      gptbot: [sharedPath(`${RANGES}ipranges_openai_ipv4.txt`)],
      uptimerobot: [sharedPath(`${RANGES}crowdsec_benign_bots/legit_bots__uptimerobot.json`)],
      pingdom: [sharedPath(`${RANGES}ipranges_pingdom_ipv4.txt`), sharedPath(`${RANGES}ipranges_pingdom_ipv6.txt`)],
      // Apple's list is not in the shared data: a stand-in file proves the exclusive-ASN rule below.
      applebot: [APPLE_STANDIN],
    },
  });

  it('loads every listed file without errors', () => {
    expect(verifier.loadErrors).toEqual([]);
    expect(verifier.loadedFamilies.sort()).toEqual([
      'applebot',
      'bingbot',
      'googlebot',
      'gptbot',
      'pingdom',
      'uptimerobot',
    ]);
  });

  it("verifies a real Googlebot address inside Google's published ranges, IPv4 and IPv6", () => {
    expect(verifier.verify('66.249.64.5', GOOGLEBOT_UA, netOf('66.249.64.5', 15169))).toEqual({
      family: 'googlebot',
      verified: true,
      method: 'ip_range',
    });
    expect(verifier.verify('2001:4860:4801:10::7', GOOGLEBOT_UA, netOf('2001:4860:4801:10::7', 15169))?.verified).toBe(
      true,
    );
  });

  it('fails a Googlebot user agent from a hosting address as impersonation', () => {
    expect(verifier.verify('159.203.10.20', GOOGLEBOT_UA, netOf('159.203.10.20', 14061))).toEqual({
      family: 'googlebot',
      verified: false,
      method: 'ip_range',
    });
  });

  it("does not accept Google's ASN alone once Google's ranges are loaded (Google rents AS15169 space)", () => {
    expect(verifier.verify('8.8.8.8', GOOGLEBOT_UA, netOf('8.8.8.8', 15169))?.verified).toBe(false);
  });

  it("accepts an operator-exclusive ASN even outside the loaded ranges (Apple's AS714)", () => {
    expect(verifier.verify('17.58.101.1', APPLEBOT_UA, netOf('17.58.101.1', 714))).toMatchObject({
      verified: true,
      method: 'asn',
    });
  });

  it("verifies uptime monitors from CrowdSec's JSON and Pingdom's IPv6 probe list", () => {
    const robot = classifyUserAgent('Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)');
    expect(verifier.verify('3.12.251.153', robot, netOf('3.12.251.153', 16509))?.verified).toBe(true);
    expect(verifier.verify('3.12.251.154', robot, netOf('3.12.251.154', 16509))?.verified).toBe(false);
    const pingdom = classifyUserAgent('Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)');
    expect(verifier.verify('2a00:1a28:2000::4055', pingdom, netOf('2a00:1a28:2000::4055', 64496))?.verified).toBe(true);
  });

  it('verifies Bingbot and GPTBot from their plain CIDR lists', () => {
    expect(verifier.verify('13.66.139.1', BINGBOT_UA, netOf('13.66.139.1', 8075))?.verified).toBe(true);
    const gpt = classifyUserAgent('Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)');
    expect(verifier.verify('4.151.71.180', gpt, netOf('4.151.71.180', 8075))?.verified).toBe(true);
    expect(verifier.verify('4.151.72.180', gpt, netOf('4.151.72.180', 8075))?.verified).toBe(false);
  });
});

describe('crawler verification without ranges', () => {
  const verifier = new CrawlerVerifier({ rdns: false });

  it("uses the operator's ASN when its ranges are not loaded", () => {
    expect(verifier.verify('66.249.64.5', GOOGLEBOT_UA, netOf('66.249.64.5', 15169))).toMatchObject({
      verified: true,
      method: 'asn',
    });
    expect(verifier.verify('5.255.253.1', YANDEX_UA, netOf('5.255.253.1', 16276))).toMatchObject({
      verified: false,
      method: 'asn',
    });
  });

  it('cannot judge without an ASN, ranges or DNS, and never judges families with nothing published', () => {
    expect(verifier.verify('66.249.64.6', GOOGLEBOT_UA, netOf('66.249.64.6'))).toMatchObject({ verified: undefined });
    expect(verifier.verify('203.0.113.9', CLAUDEBOT_UA, netOf('203.0.113.9', 16509))).toEqual({
      family: 'claudebot',
      verified: undefined,
      method: 'none',
    });
  });

  it('leaves non-crawlers and private addresses alone', () => {
    const browser = classifyUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:156.0) Gecko/20100101 Firefox/156.0');
    expect(verifier.verify('198.51.100.1', browser, netOf('198.51.100.1', 64496))).toBeUndefined();
    expect(
      verifier.verify('10.0.0.8', GOOGLEBOT_UA, netOf('10.0.0.8', undefined, 'private'))?.verified,
    ).toBeUndefined();
  });

  it('reports a missing explicit range file instead of throwing', () => {
    const v = new CrawlerVerifier({ rdns: false, rangeFiles: { googlebot: ['/nonexistent/googlebot.json'] } });
    expect(v.loadErrors).toHaveLength(1);
    expect(v.loadedFamilies).toEqual([]);
  });
});
