import { describe, expect, it } from 'vitest';
import { parseIp } from '../../net/ip-address.js';
import { RdapBootstrap } from './rdap-bootstrap.js';
import { findAbuseEntity, referralLink } from './rdap-response.js';

const vcard = (email: string): unknown => [
  'vcard',
  [
    ['version', {}, 'text', '4.0'],
    ['email', {}, 'text', email],
  ],
];

describe('findAbuseEntity', () => {
  it('prefers the least nested abuse entity that has an e-mail', () => {
    const doc = {
      entities: [
        {
          roles: ['registrant'],
          entities: [{ roles: ['abuse'], handle: 'DEEP', vcardArray: vcard('deep@example.net') }],
        },
        { roles: ['abuse'], handle: 'NOMAIL', vcardArray: ['vcard', [['fn', {}, 'text', 'No mail']]] },
        { roles: ['Abuse'], handle: 'TOP', vcardArray: vcard('Top@Example.NET') },
      ],
    };
    expect(findAbuseEntity(doc)).toEqual({ handle: 'TOP', name: undefined, email: 'top@example.net' });
  });

  it('returns an abuse entity without e-mail when none has one, and ignores malformed input', () => {
    expect(findAbuseEntity({ entities: [{ roles: ['abuse'], handle: 'H', vcardArray: 'junk' }] })?.handle).toBe('H');
    for (const junk of [null, 42, 'x', { entities: 'no' }, { entities: [null, 5, { roles: 'abuse' }] }]) {
      expect(findAbuseEntity(junk)).toBeUndefined();
    }
    expect(
      findAbuseEntity({ entities: [{ roles: ['abuse'], vcardArray: vcard('not an address') }] })?.email,
    ).toBeUndefined();
  });
});

describe('referralLink', () => {
  it("follows 'related' RDAP links to another IP object, never the current one or other types", () => {
    const here = 'https://rdap.arin.net/registry/ip/196.1.2.3';
    const doc = {
      links: [
        { rel: 'self', href: here },
        { rel: 'related', type: 'text/html', href: 'https://www.ripe.net/' },
        { rel: 'related', href: 'https://rdap.db.ripe.net/ip/196.1.2.3' },
      ],
    };
    expect(referralLink(doc, here)).toBe('https://rdap.db.ripe.net/ip/196.1.2.3');
    expect(referralLink({ links: [{ rel: 'related', href: here }] }, here)).toBeUndefined();
    expect(referralLink({ links: [{ rel: 'related', href: 'javascript:alert(1)/ip/' }] }, here)).toBeUndefined();
  });
});

describe('RdapBootstrap', () => {
  it('picks the most specific service and its HTTPS URL', () => {
    const b = RdapBootstrap.parse({
      services: [
        [['41.0.0.0/8'], ['http://rdap.afrinic.net/rdap/', 'https://rdap.afrinic.net/rdap/']],
        [['41.128.0.0/9'], ['https://example.rir/rdap']],
      ],
    });
    expect(b?.baseFor(parseIp('41.1.2.3')!)).toBe('https://rdap.afrinic.net/rdap/');
    expect(b?.baseFor(parseIp('41.200.2.3')!)).toBe('https://example.rir/rdap/');
    expect(b?.baseFor(parseIp('42.0.0.1')!)).toBeUndefined();
    expect(RdapBootstrap.parse({ services: 'x' })).toBeUndefined();
  });
});
