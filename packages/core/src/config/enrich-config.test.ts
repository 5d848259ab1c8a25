import { describe, expect, it } from 'vitest';
import { RampartError } from '../errors.js';
import { configFromYaml } from './load-config.js';

describe('enrich config', () => {
  it('has working defaults', () => {
    const c = configFromYaml('').enrich;
    expect(c).toMatchObject({
      ipv6ClientPrefix: 64,
      subnetV4: 24,
      subnetV6: 64,
      feeds: [],
      networkTypes: {},
      mmdb: {},
    });
  });

  it('accepts MMDB paths, overrides and feeds', () => {
    const c = configFromYaml(`
enrich:
  mmdb: { asn: /data/GeoLite2-ASN.mmdb }
  networkTypes: { AS64496: business, "64497": hosting }
  feeds:
    - { url: "https://example.com/dc.txt", kind: asn-list, networkType: hosting }
`).enrich;
    expect(c.mmdb.asn).toBe('/data/GeoLite2-ASN.mmdb');
    expect(c.networkTypes).toEqual({ AS64496: 'business', '64497': 'hosting' });
    expect(c.feeds[0]?.kind).toBe('asn-list');
  });

  it.each([
    ['an unknown network type', 'enrich: { networkTypes: { AS1: cloud } }', 'enrich.networkTypes'],
    ['a key that is not an ASN', 'enrich: { networkTypes: { google: hosting } }', 'enrich.networkTypes'],
    [
      'a feed URL that is not http(s)',
      'enrich: { feeds: [{ url: "file:///etc/passwd", kind: asn-list, networkType: hosting }] }',
      'enrich.feeds',
    ],
    [
      'a feed name with a path in it',
      'enrich: { feeds: [{ url: "https://x", kind: cidr-list, networkType: hosting, name: "../x" }] }',
      'enrich.feeds',
    ],
    ['an IPv6 client prefix out of range', 'enrich: { ipv6ClientPrefix: 12 }', 'enrich.ipv6ClientPrefix'],
    ['an unknown key', 'enrich: { geoip: true }', 'enrich'],
  ])('rejects %s, naming the key', (_what, yaml, key) => {
    expect(() => configFromYaml(yaml)).toThrow(RampartError);
    expect(() => configFromYaml(yaml)).toThrow(key);
  });
});
