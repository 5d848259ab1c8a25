import { describe, expect, it } from 'vitest';
import { CidrSet, cidrContains, parseCidr, subnetOf } from './cidr.js';
import { normalizeIp, parseIp } from './ip-address.js';

describe('normalizeIp', () => {
  it('keeps dotted quads and rejects out-of-range or leading-zero octets', () => {
    expect(normalizeIp('203.0.113.9')).toBe('203.0.113.9');
    expect(normalizeIp('256.1.1.1')).toBeUndefined();
    expect(normalizeIp('01.2.3.4')).toBeUndefined();
    expect(normalizeIp('1.2.3')).toBeUndefined();
  });

  it('folds IPv4-mapped IPv6 to IPv4', () => {
    expect(normalizeIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeIp('::FFFF:c000:0201')).toBe('192.0.2.1');
  });

  it('writes IPv6 in RFC 5952 form', () => {
    expect(normalizeIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normalizeIp('[2001:db8:0:0:1:0:0:1]')).toBe('2001:db8::1:0:0:1');
    expect(normalizeIp('::')).toBe('::');
    expect(normalizeIp('::1')).toBe('::1');
    expect(normalizeIp('fe80:0:0:1:2:3:4:5')).toBe('fe80::1:2:3:4:5');
    expect(normalizeIp('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3');
  });

  it('rejects things that are not addresses', () => {
    for (const bad of [
      '',
      '-',
      'localhost',
      '1.2.3.4.5',
      '2001:db8:::1',
      '1:2:3:4:5:6:7:8:9',
      '<script>',
      '1.2.3.4; rm -rf /',
    ]) {
      expect(normalizeIp(bad), bad).toBeUndefined();
    }
  });

  it('parses embedded IPv4 tails in IPv6', () => {
    expect(parseIp('64:ff9b::192.0.2.33')?.text).toBe('64:ff9b::c000:221');
  });
});

describe('CIDR', () => {
  it('parses and normalizes networks, refusing host bits unless lenient', () => {
    expect(parseCidr('192.0.2.0/24')?.text).toBe('192.0.2.0/24');
    expect(parseCidr('192.0.2.7/24')).toBeUndefined();
    expect(parseCidr('192.0.2.7/24', { lenient: true })?.text).toBe('192.0.2.0/24');
    expect(parseCidr('2001:DB8::/32')?.text).toBe('2001:db8::/32');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.1')?.text).toBe('10.0.0.1/32');
  });

  it('tests containment for both versions', () => {
    const v4 = parseCidr('198.51.100.0/22')!;
    expect(cidrContains(v4, '198.51.103.255')).toBe(true);
    expect(cidrContains(v4, '198.51.104.0')).toBe(false);
    const v6 = parseCidr('2001:db8:abcd::/48')!;
    expect(cidrContains(v6, '2001:db8:abcd:ffff::1')).toBe(true);
    expect(cidrContains(v6, '2001:db8:abce::1')).toBe(false);
    expect(cidrContains(v6, '198.51.100.1')).toBe(false);
  });

  it('computes subnet keys', () => {
    expect(subnetOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(subnetOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(subnetOf('nope')).toBeUndefined();
  });

  it('CidrSet merges overlapping ranges and reports invalid entries', () => {
    const { set, invalid } = CidrSet.fromStrings(['10.0.0.0/8', '10.1.0.0/16', '192.0.2.5', '2001:db8::/32', 'junk']);
    expect(invalid).toEqual(['junk']);
    expect(set.has('10.200.3.4')).toBe(true);
    expect(set.has('192.0.2.5')).toBe(true);
    expect(set.has('192.0.2.6')).toBe(false);
    expect(set.has('2001:db8:ffff::1')).toBe(true);
    expect(set.has('2001:db9::1')).toBe(false);
  });
});
