import { describe, expect, it } from 'vitest';
import { ClientAddressResolver, isCanonicalIpv4, stripPort } from './forwarded-for.js';

describe('ClientAddressResolver', () => {
  const trusting = new ClientAddressResolver(['10.0.0.0/8', '2001:db8:ffff::/48', '192.0.2.1']);

  it('ignores X-Forwarded-For entirely when no proxy is trusted', () => {
    const r = new ClientAddressResolver([]);
    expect(r.resolve('203.0.113.1', '198.51.100.1')).toBe('203.0.113.1');
  });

  it('uses the socket address when it is not a trusted proxy, whatever the header claims', () => {
    expect(trusting.resolve('203.0.113.1', '198.51.100.1')).toBe('203.0.113.1');
  });

  it('takes the right-most untrusted forwarded-for entry behind trusted proxies', () => {
    expect(trusting.resolve('10.0.0.2', '6.6.6.6, 198.51.100.1, 10.1.1.1, 192.0.2.1')).toBe('198.51.100.1');
    expect(trusting.resolve('2001:db8:ffff::1', '2001:DB8::abcd')).toBe('2001:db8::abcd');
  });

  it('falls back to the left-most entry when every hop is trusted, and to the socket with no header', () => {
    expect(trusting.resolve('10.0.0.2', '10.0.0.3,10.0.0.4')).toBe('10.0.0.3');
    expect(trusting.resolve('10.0.0.2', '-')).toBe('10.0.0.2');
  });

  it('stops at an entry that is not an address (nothing left of it can be trusted)', () => {
    expect(trusting.resolve('10.0.0.2', '198.51.100.1, unknown, 10.0.0.9')).toBe('10.0.0.9');
  });

  it('reads entries with ports and IPv4-mapped forms, and rejects a socket that is not an address', () => {
    expect(trusting.resolve('10.0.0.2', '[2001:db8::1]:4431')).toBe('2001:db8::1');
    expect(trusting.resolve('::ffff:10.0.0.2', '198.51.100.9:5555')).toBe('198.51.100.9');
    expect(trusting.resolve('example.com', '198.51.100.9')).toBeUndefined();
  });

  it('rejects trusted proxies that are not networks', () => {
    expect(() => new ClientAddressResolver(['10.0.0.0/33'])).toThrow(/trustedProxies/);
  });
});

describe('stripPort', () => {
  it('strips IPv4 and bracketed IPv6 ports but leaves bare IPv6 whole', () => {
    expect(stripPort('1.2.3.4:80')).toBe('1.2.3.4');
    expect(stripPort('[::1]:80')).toBe('::1');
    expect(stripPort('2001:db8::1')).toBe('2001:db8::1');
  });
});

describe('isCanonicalIpv4', () => {
  it('accepts normalized dotted quads only', () => {
    for (const ok of ['0.0.0.0', '1.2.3.4', '255.255.255.255', '192.168.10.100'])
      expect(isCanonicalIpv4(ok), ok).toBe(true);
    for (const bad of [
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '1..2.3',
      '1.2.3.4 ',
      'a.b.c.d',
      '1.2.3.',
      '.1.2.3',
    ])
      expect(isCanonicalIpv4(bad), bad).toBe(false);
  });
});
