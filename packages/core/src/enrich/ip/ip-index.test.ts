import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIp } from '../../net/ip-address.js';
import type { IpIndex } from './ip-index.js';
import { loadIpIndex, readIpIndexFile, writeIpIndexFile } from './ip-index-file.js';
import { createPrefixResolver } from './prefix-resolver.js';
import { bucketsOf, findRange4, findRange6 } from './range-table.js';

let index: IpIndex;
let dir: string;

beforeAll(() => {
  // The default cache (node_modules/.cache/rampart) is shared with the CLI; build once there.
  index = loadIpIndex().index;
  dir = mkdtempSync(join(tmpdir(), 'rampart-ipindex-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function look(text: string) {
  const ip = parseIp(text)!;
  return ip.version === 4 ? index.lookupV4(ip.value as number) : index.lookupV6(ip.value as bigint);
}

describe('IpIndex built from @ip-location-db', () => {
  it('answers 1.0.0.1 with AS13335 Cloudflare and its routed /24', () => {
    expect(look('1.0.0.1')).toMatchObject({ asn: 13335, org: 'Cloudflare, Inc.', prefix: '1.0.0.0/24' });
  });

  it('answers 8.8.8.8 with AS15169 Google, prefix 8.8.8.0/24, country US', () => {
    expect(look('8.8.8.8')).toEqual({ asn: 15169, org: 'Google LLC', prefix: '8.8.8.0/24', country: 'US' });
  });

  it('answers IPv6 2001:4860:4860::8888 with AS15169 and a prefix that contains it', () => {
    const a = look('2001:4860:4860::8888');
    expect(a.asn).toBe(15169);
    expect(a.country).toBe('US');
    expect(a.prefix).toMatch(/^2001:4860:/);
  });

  it('has no ASN for unrouted space but still answers without throwing', () => {
    expect(look('0.0.0.1').asn).toBeUndefined();
    expect(look('::2').asn).toBeUndefined();
  });

  it('finds the same rows with the first-level buckets as with a plain binary search', () => {
    const { asn4, asn6 } = index.tables;
    const b4 = bucketsOf(asn4.start);
    const b6 = bucketsOf(asn6.startHi);
    let seed = 7;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    const probes = [
      0,
      0xffffffff,
      ...Array.from({ length: 50_000 }, next),
      ...Array.from(asn4.start.subarray(0, 2000)),
    ];
    for (const v of probes) expect(findRange4(asn4, v, b4)).toBe(findRange4(asn4, v));
    for (let i = 0; i < 20_000; i++) {
      const hi = i < 10_000 ? (0x2000_0000 + (next() % 0x1000_0000)) >>> 0 : asn6.startHi[i % asn6.startHi.length]!;
      const lo = next();
      expect(findRange6(asn6, hi, lo, b6)).toBe(findRange6(asn6, hi, lo));
    }
  });

  it('round-trips through the cache file and rejects a truncated or foreign file', () => {
    const path = join(dir, 'index.bin');
    writeIpIndexFile(index, path);
    const back = readIpIndexFile(path)!;
    expect(back.meta).toEqual(index.meta);
    expect(back.lookupV4(parseIp('8.8.8.8')!.value as number).asn).toBe(15169);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 4));
    expect(readIpIndexFile(path)).toBeUndefined();
    writeFileSync(path, 'not an index');
    expect(readIpIndexFile(path)).toBeUndefined();
    expect(readIpIndexFile(join(dir, 'missing.bin'))).toBeUndefined();
  });

  it('expands an ASN and a country into merged CIDRs that contain known addresses', () => {
    const r = createPrefixResolver(index);
    const cf = r.prefixesOfAsn(13335);
    expect(cf).toContain('1.1.1.0/24');
    expect(cf.some((c) => c.includes(':'))).toBe(true);
    expect(r.prefixesOfAsn(0)).toEqual([]);
    expect(r.prefixesOfAsn(4_294_967_295)).toEqual([]);
    const lu = r.prefixesOfCountry('lu');
    expect(lu.length).toBeGreaterThan(10);
    expect(lu.every((c) => /\/\d+$/.test(c))).toBe(true);
    expect(r.prefixesOfCountry('ZZZ')).toEqual([]);
  });
});
