import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../net/cidr.js';
import { NetworkTypeClassifier, overridesFromConfig } from './network-type-classifier.js';
import { matchOrgName } from './org-name-rules.js';

describe('NetworkTypeClassifier', () => {
  const plain = new NetworkTypeClassifier();

  it('classes the big clouds from the curated table', () => {
    expect(plain.classifyAsn(16509, 'Amazon.com, Inc.')).toEqual({ type: 'hosting', source: 'asn-table' });
    expect(plain.classifyAsn(24940, undefined)).toEqual({ type: 'hosting', source: 'asn-table' });
  });

  it('keeps eyeball ISPs and carriers out of hosting even when their names look generic', () => {
    expect(plain.classifyAsn(7922, 'Comcast Cable Communications, LLC').type).toBe('residential');
    expect(plain.classifyAsn(3320, 'Deutsche Telekom AG').type).toBe('residential');
    expect(plain.classifyAsn(4134, 'Chinanet').type).toBe('residential');
    expect(plain.classifyAsn(21928, 'T-Mobile USA, Inc.').type).toBe('mobile');
  });

  it('falls back to organisation-name rules and names the rule', () => {
    expect(plain.classifyAsn(4_200_000_001, 'Example VPS Hosting SRL')).toEqual({
      type: 'hosting',
      source: 'org-name:hosting',
    });
    expect(plain.classifyAsn(4_200_000_002, 'University of Examples')).toMatchObject({ type: 'education' });
    expect(plain.classifyAsn(4_200_000_003, 'Example Wireless Ltd')).toMatchObject({ type: 'mobile' });
    expect(plain.classifyAsn(4_200_000_004, 'Ministry of Examples')).toMatchObject({ type: 'government' });
    expect(plain.classifyAsn(4_200_000_005, 'Example Broadband Co')).toMatchObject({ type: 'residential' });
    expect(plain.classifyAsn(4_200_000_006, 'Acme Widgets')).toEqual({ type: 'unknown', source: 'none' });
    expect(plain.classifyAsn(4_200_000_007, undefined)).toEqual({ type: 'unknown', source: 'none' });
  });

  it('does not take telecom words for hosting', () => {
    for (const name of [
      'Comcast Cable Communications',
      'Deutsche Telekom AG',
      'Telefonica de Espana',
      'Hyperoptic Ltd',
    ]) {
      expect(matchOrgName(name)?.type).not.toBe('hosting');
    }
  });

  it('lets user overrides win over every other rule, for the ASN and for its addresses', () => {
    const c = new NetworkTypeClassifier({
      overrides: overridesFromConfig({ AS16509: 'business', '64496': 'education' }),
      cidrFeeds: [{ name: 'dc', type: 'hosting', cidrs: CidrSet.fromStrings(['192.0.2.0/24']).set }],
    });
    expect(c.classifyAsn(16509, 'Amazon.com, Inc.')).toEqual({ type: 'business', source: 'config' });
    expect(c.classify('192.0.2.1', 64496, undefined)).toEqual({ type: 'education', source: 'config' });
  });

  it('applies CIDR feeds per address and ASN feeds before the curated table', () => {
    const c = new NetworkTypeClassifier({
      asnFeeds: [
        { name: 'dc', type: 'hosting', asns: new Set([7922, 21928, 4_200_000_010]) },
        { name: 'corp', type: 'business', asns: new Set([7922, 16509]) },
      ],
      cidrFeeds: [{ name: 'proxies', type: 'hosting', cidrs: CidrSet.fromStrings(['198.51.100.0/24']).set }],
    });
    expect(c.classify('198.51.100.7', 3320, 'Deutsche Telekom AG')).toEqual({
      type: 'hosting',
      source: 'feed:proxies',
    });
    expect(c.classify('198.51.101.7', 3320, 'Deutsche Telekom AG').type).toBe('residential');
    expect(c.classifyAsn(4_200_000_010, 'Example Telecom')).toEqual({ type: 'hosting', source: 'feed:dc' });
    expect(c.classifyAsn(16509, 'Amazon.com, Inc.')).toEqual({ type: 'business', source: 'feed:corp' });
    // A hosting list does not make a curated eyeball network hosting; a feed of another type still applies.
    expect(c.classifyAsn(21928, 'T-Mobile USA, Inc.')).toEqual({ type: 'mobile', source: 'asn-table' });
    expect(c.classifyAsn(7922, 'Comcast')).toEqual({ type: 'business', source: 'feed:corp' });
    expect(c.classify('2001:db8::1', undefined, undefined)).toEqual({ type: 'unknown', source: 'none' });
  });
});
