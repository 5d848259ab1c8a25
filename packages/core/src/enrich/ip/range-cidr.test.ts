import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../net/ip-address.js';
import { blockOf4, blockOf6, rangeToCidrs4, rangeToCidrs6 } from './range-cidr.js';

const v4 = (s: string) => parseIpv4(s)!;

describe('range → CIDR', () => {
  it('returns the range itself when it is one CIDR', () => {
    expect(blockOf4(v4('10.0.1.77'), v4('10.0.0.0'), v4('10.0.3.255'))).toBe('10.0.0.0/22');
  });

  it('picks the largest block inside an unaligned range that contains the address', () => {
    // 10.0.1.0 – 10.0.4.255 = 10.0.1.0/24 + 10.0.2.0/23 + 10.0.4.0/24
    expect(blockOf4(v4('10.0.1.5'), v4('10.0.1.0'), v4('10.0.4.255'))).toBe('10.0.1.0/24');
    expect(blockOf4(v4('10.0.3.5'), v4('10.0.1.0'), v4('10.0.4.255'))).toBe('10.0.2.0/23');
    expect(rangeToCidrs4(v4('10.0.1.0'), v4('10.0.4.255'))).toEqual(['10.0.1.0/24', '10.0.2.0/23', '10.0.4.0/24']);
  });

  it('handles the whole IPv4 space and single addresses', () => {
    expect(rangeToCidrs4(0, 0xffffffff)).toEqual(['0.0.0.0/0']);
    expect(rangeToCidrs4(v4('1.2.3.4'), v4('1.2.3.4'))).toEqual(['1.2.3.4/32']);
  });

  it('works on the 64-bit keys of IPv6 networks', () => {
    const start = 0x20010db8_00000000n;
    const end = 0x20010db8_0000ffffn;
    expect(rangeToCidrs6(start, end)).toEqual(['2001:db8::/48']);
    expect(blockOf6(0x20010db8_00001234n, start, end)).toBe('2001:db8::/48');
  });
});
