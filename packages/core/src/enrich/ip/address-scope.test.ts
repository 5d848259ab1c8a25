import { describe, expect, it } from 'vitest';
import { parseIp } from '../../net/ip-address.js';
import { scopeOfV4, scopeOfV6 } from './address-scope.js';

function scope(text: string) {
  const ip = parseIp(text)!;
  return ip.version === 4 ? scopeOfV4(ip.value as number) : scopeOfV6(ip.value as bigint);
}

describe('address scope', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.10.1', 'reserved'],
    ['192.0.2.7', 'reserved'],
    ['198.51.100.1', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['0.1.2.3', 'reserved'],
    ['::1', 'loopback'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['ff02::1', 'reserved'],
    ['::', 'reserved'],
  ])('classes %s as %s', (ip, expected) => {
    expect(scope(ip)).toBe(expected);
  });

  it.each(['1.1.1.1', '8.8.8.8', '100.128.0.1', '172.32.0.1', '223.255.255.255', '2001:4860::1', '64:ff9b::808:808'])(
    'classes %s as public',
    (ip) => {
      expect(scope(ip)).toBe('public');
    },
  );
});
