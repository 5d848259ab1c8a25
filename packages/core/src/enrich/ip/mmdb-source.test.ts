import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RampartError } from '../../errors.js';
import { NetworkTypeClassifier } from '../network-type/network-type-classifier.js';
import { buildMmdb } from './fixtures/mmdb-writer.js';
import { IpResolver } from './ip-resolver.js';
import { MmdbSource } from './mmdb-source.js';

let dir: string;
const paths = { asn: '', country: '', ipinfo: '', broken: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-mmdb-'));
  const write = (name: string, buf: Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, buf);
    return p;
  };
  paths.asn = write(
    'asn.mmdb',
    buildMmdb('GeoLite2-ASN', {
      '198.51.0.0/16': { autonomous_system_number: 64500, autonomous_system_organization: 'Example Hosting Ltd' },
      '2001:db8:100::/40': { autonomous_system_number: 64501, autonomous_system_organization: 'Example Mobile' },
    }),
  );
  paths.country = write(
    'country.mmdb',
    buildMmdb('GeoLite2-Country', {
      '198.51.0.0/17': { country: { iso_code: 'NL' } },
      '2001:db8::/32': { country: { iso_code: 'de' } },
    }),
  );
  paths.ipinfo = write(
    'ipinfo.mmdb',
    buildMmdb('ipinfo lite', { '203.0.0.0/16': { asn: 'AS64502', as_name: 'Lite Networks', country_code: 'JP' } }),
  );
  paths.broken = write('broken.mmdb', Buffer.from('definitely not an mmdb file'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MmdbSource', () => {
  it('reads ASN, organisation and network from a GeoLite2-ASN style file and country from a Country file', () => {
    const src = new MmdbSource({ asn: paths.asn, country: paths.country });
    expect(src.lookup('198.51.7.9')).toEqual({
      asn: 64500,
      org: 'Example Hosting Ltd',
      prefix: '198.51.0.0/16',
      country: 'NL',
    });
    expect(src.lookup('2001:db8:1ab::1')).toEqual({
      asn: 64501,
      org: 'Example Mobile',
      prefix: '2001:db8:100::/40',
      country: 'DE',
    });
    expect(src.lookup('9.9.9.9')).toEqual({ asn: undefined, org: undefined, prefix: undefined, country: undefined });
  });

  it("understands IPinfo lite's field names", () => {
    const src = new MmdbSource({ asn: paths.ipinfo });
    expect(src.lookup('203.0.5.5')).toMatchObject({ asn: 64502, org: 'Lite Networks', country: 'JP' });
  });

  it('reports an unreadable file as a clear user error naming the setting', () => {
    expect(() => new MmdbSource({ asn: paths.broken })).toThrow(RampartError);
    expect(() => new MmdbSource({ country: join(dir, 'missing.mmdb') })).toThrow(/enrich\.mmdb\.country/);
  });

  it('feeds IpResolver, which says the answers came from MMDB and classifies by organisation name', () => {
    const resolver = new IpResolver({
      mmdb: new MmdbSource({ asn: paths.asn, country: paths.country }),
      classifier: new NetworkTypeClassifier(),
    });
    const info = resolver.resolve('198.51.200.1')!;
    expect(info).toMatchObject({ asn: 64500, scope: 'public', networkType: 'hosting', country: undefined });
    expect(info.sources).toMatchObject({ asn: 'mmdb', prefix: 'mmdb', networkType: 'org-name:hosting' });
    expect(resolver.resolve('10.0.0.1')).toMatchObject({ scope: 'private', asn: undefined });
    expect(resolver.resolve('not-an-ip')).toBeUndefined();
  });
});
