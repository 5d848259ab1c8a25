import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFeedText, feedName, feedPath, loadFeeds, parseAsnList, parseCidrList } from './network-type-feeds.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-feeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('network-type feeds', () => {
  it('reads ASN lists in the usual shapes and counts junk lines', () => {
    const r = parseAsnList(
      'ASN,Entity\nAS64496 # Example\n64497\n64498,"Name, Inc"\n"64499","Quoted Hosting, Inc."\n# comment\n\nnot-an-asn\nAS0\n"x"\n',
    );
    expect([...r.asns]).toEqual([64496, 64497, 64498, 64499]);
    expect(r.invalid).toBe(4);
  });

  it('reads CIDR lists, clearing host bits and counting junk', () => {
    const r = parseCidrList('192.0.2.0/24\n198.51.100.7/24 # lenient\n2001:db8::/32\nbogus\n');
    expect(r.cidrs.has('198.51.100.200')).toBe(true);
    expect(r.cidrs.has('2001:db8::5')).toBe(true);
    expect(r.invalid).toBe(1);
  });

  it('refuses to store a feed body without a single entry', () => {
    expect(checkFeedText('asn-list', '<html>error</html>')).toMatchObject({ ok: false });
    expect(checkFeedText('cidr-list', '10.0.0.0/8\n')).toEqual({ ok: true, entries: 1 });
  });

  it('derives a safe file name from the URL', () => {
    expect(feedName({ url: 'https://example.com/lists/dc.txt?x=1' })).toBe('example.com_lists_dc.txt');
    expect(feedName({ url: 'https://example.com/../../etc/passwd' })).not.toContain('/');
    expect(feedName({ url: 'https://x', name: 'mine' })).toBe('mine');
  });

  it('loads downloaded feeds and reports the ones not downloaded yet', () => {
    const asnFeed = { url: 'https://example.com/asns.txt', kind: 'asn-list', networkType: 'hosting' } as const;
    const cidrFeed = { url: 'https://example.com/nets', kind: 'cidr-list', networkType: 'mobile', name: 'n' } as const;
    const missing = { url: 'https://example.com/none', kind: 'asn-list', networkType: 'hosting' } as const;
    mkdirSync(join(dir, 'feeds'), { recursive: true });
    writeFileSync(feedPath(dir, asnFeed), 'AS64496\n');
    writeFileSync(feedPath(dir, cidrFeed), '192.0.2.0/24\n');
    const loaded = loadFeeds([asnFeed, cidrFeed, missing], dir);
    expect(loaded.asnFeeds[0]).toMatchObject({ type: 'hosting' });
    expect(loaded.asnFeeds[0]?.asns.has(64496)).toBe(true);
    expect(loaded.cidrFeeds[0]?.cidrs.has('192.0.2.9')).toBe(true);
    expect(loaded.missing).toEqual(['example.com_none']);
    expect(loadFeeds([asnFeed], undefined).missing).toHaveLength(1);
  });
});
