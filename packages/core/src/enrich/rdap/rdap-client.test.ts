import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RdapRoute, startRdapServer, type TestRdapServer } from '../../../../../test/support/rdap-server.js';
import { JsonFileAbuseContactCache } from './json-file-abuse-cache.js';
import { RdapClient, type RdapClientOptions } from './rdap-client.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

// An ARIN answer for legacy space now held by another RIR: no abuse entity, a `related` link onwards.
const ARIN_REFERRAL = (origin: string): unknown => ({
  objectClassName: 'ip network',
  handle: 'NET-196-0-0-0-0',
  startAddress: '196.0.0.0',
  endAddress: '196.255.255.255',
  name: 'ERX-NETBLOCK',
  type: 'TRANSFERRED',
  remarks: [
    {
      title: 'Registration Comments',
      description: ['These addresses have been further assigned to users in the RIPE NCC region.'],
    },
  ],
  links: [
    {
      value: `${origin}/arin/ip/196.10.20.30`,
      rel: 'self',
      type: 'application/rdap+json',
      href: `${origin}/arin/ip/196.0.0.0/8`,
    },
    {
      value: `${origin}/arin/ip/196.10.20.30`,
      rel: 'related',
      type: 'application/rdap+json',
      href: `${origin}/ripe/ip/196.10.20.30`,
    },
  ],
  entities: [{ handle: 'RIPE', roles: ['registrant'], objectClassName: 'entity' }],
});

let server: TestRdapServer;
let dir: string;

beforeAll(async () => {
  const routes: Record<string, RdapRoute> = {
    '/arin/ip/8.8.8.8': { json: fixture('arin-8.8.8.8.json') },
    '/ripe/ip/193.0.6.139': { json: fixture('ripe-193.0.6.139.json') },
    '/apnic/ip/1.1.1.1': { json: fixture('apnic-1.1.1.1.json') },
    '/arin/ip/185.1.2.3': { redirect: '/ripe/ip/185.1.2.3' },
    '/ripe/ip/185.1.2.3': { json: fixture('ripe-193.0.6.139.json') },
    '/ripe/ip/196.10.20.30': { json: fixture('ripe-193.0.6.139.json') },
    '/apnic/ip/1.0.0.1': { json: {}, status: 429, headers: { 'retry-after': '120' } },
    '/ripe/ip/194.0.0.1': { hang: true },
    '/apnic/ip/1.2.3.4': { raw: '{"handle": "1.2.3.0 - 1.2.3.255", "entities": [' },
    '/ripe/ip/2001:67c:2e8::1': { json: fixture('ripe-193.0.6.139.json') },
    '/arin/autnum/15169': {
      json: {
        objectClassName: 'autnum',
        handle: 'AS15169',
        startAutnum: 15169,
        endAutnum: 15169,
        name: 'GOOGLE',
        entities: [
          {
            handle: 'GOGL',
            roles: ['registrant'],
            entities: [
              {
                handle: 'ABUSE5250-ARIN',
                roles: ['abuse'],
                vcardArray: [
                  'vcard',
                  [
                    ['version', {}, 'text', '4.0'],
                    ['fn', {}, 'text', 'Abuse'],
                    ['email', {}, 'text', 'network-abuse@google.com'],
                  ],
                ],
              },
            ],
          },
        ],
      },
    },
  };
  server = await startRdapServer(
    {
      arin: ['8.0.0.0/8', '185.0.0.0/8', '196.0.0.0/8', '15169', '393216-399260'],
      ripe: ['193.0.0.0/8', '194.0.0.0/8', '2001:600::/23'],
      apnic: ['1.0.0.0/8'],
    },
    routes,
  );
  routes['/arin/ip/196.10.20.30'] = { json: ARIN_REFERRAL(server.origin) };
  dir = mkdtempSync(join(tmpdir(), 'rampart-rdap-'));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(extra: RdapClientOptions = {}): RdapClient {
  return new RdapClient({ bootstrapBaseUrl: `${server.origin}/bootstrap/`, requestTimeoutMs: 400, ...extra });
}

describe('RdapClient', () => {
  it("finds ARIN's abuse contact nested two levels deep (network → registrant org → abuse POC)", async () => {
    const c = client();
    expect(c.cachedAbuseContact('8.8.8.8')).toBeUndefined();
    const contact = await c.lookupAbuseContact('8.8.8.8');
    expect(contact).toMatchObject({
      email: 'network-abuse@google.com',
      name: 'Abuse',
      handle: 'ABUSE5250-ARIN',
      source: `${server.origin}/arin/ip/8.8.8.8`,
    });
    expect(c.cachedAbuseContact('8.8.8.200')?.email).toBe('network-abuse@google.com');
  });

  it("reads RIPE's top-level abuse entity, also for IPv6 through ipv6.json", async () => {
    const c = client();
    expect((await c.lookupAbuseContact('193.0.6.139')).email).toBe('abuse@ripe.net');
    expect((await c.lookupAbuseContact('2001:67c:2e8::1')).email).toBe('abuse@ripe.net');
  });

  it("prefers APNIC's preferred vCard e-mail on the IRT object", async () => {
    expect(await client().lookupAbuseContact('1.1.1.1')).toMatchObject({
      email: 'helpdesk@apnic.net',
      handle: 'IRT-APNICRANDNET-AU',
    });
  });

  it('follows a 301 from one registry to another and names the answering URL as source', async () => {
    const contact = await client().lookupAbuseContact('185.1.2.3');
    expect(contact.email).toBe('abuse@ripe.net');
    expect(contact.source).toBe(`${server.origin}/ripe/ip/185.1.2.3`);
  });

  it("follows a registry's `related` link to the RIR that holds the space", async () => {
    const c196 = client();
    const contact = await c196.lookupAbuseContact('196.10.20.30');
    expect(contact.email).toBe('abuse@ripe.net');
    expect(contact.source).toBe(`${server.origin}/ripe/ip/196.10.20.30`);
  });

  it("finds an autonomous system's abuse contact through asn.json and /autnum/", async () => {
    const c = client();
    expect(await c.lookupAsnAbuseContact(15169)).toMatchObject({
      email: 'network-abuse@google.com',
      source: `${server.origin}/arin/autnum/15169`,
    });
    expect(c.cachedAsnAbuseContact(15169)?.handle).toBe('ABUSE5250-ARIN');
    expect((await c.lookupAsnAbuseContact(64496)).source).toBe('unknown');
    expect(c.counts.no_registry).toBe(1);
    expect((await c.lookupAsnAbuseContact(-1)).source).toBe('unknown');
  });

  it('answers unknown for a 404 and remembers it', async () => {
    const c = client();
    const hitsBefore = server.hits.length;
    expect(await c.lookupAbuseContact('193.0.99.1')).toMatchObject({ email: undefined, source: 'unknown' });
    expect(c.cachedAbuseContact('193.0.99.1')?.source).toBe('unknown');
    await c.lookupAbuseContact('193.0.99.2');
    expect(server.hits.slice(hitsBefore).filter((h) => h.startsWith('/ripe/'))).toEqual(['/ripe/ip/193.0.99.1']);
    expect(c.counts.not_found).toBe(1);
  });

  it('backs off a registry that answers 429, without asking it again', async () => {
    const c = client();
    expect((await c.lookupAbuseContact('1.0.0.1')).source).toBe('unknown');
    const before = server.hits.length;
    expect((await c.lookupAbuseContact('1.1.1.1')).source).toBe('unknown');
    expect(server.hits.length).toBe(before);
    expect(c.counts).toMatchObject({ rate_limited: 1, backoff: 1 });
    // A backoff refusal is not the registry's answer: nothing is cached for 1.1.1.0/24.
    expect(c.cachedAbuseContact('1.1.1.1')).toBeUndefined();
  });

  it('gives up on a registry that never answers within the request timeout', async () => {
    const c = client({ requestTimeoutMs: 200 });
    const started = Date.now();
    expect((await c.lookupAbuseContact('194.0.0.1')).source).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(c.counts.timeout).toBe(1);
  });

  it('answers unknown for malformed JSON', async () => {
    const c = client();
    expect((await c.lookupAbuseContact('1.2.3.4')).source).toBe('unknown');
    expect(c.counts.malformed_json).toBe(1);
  });

  it('answers unknown at once offline, for unreachable bootstrap servers and for junk input', async () => {
    const before = server.hits.length;
    expect((await client({ offline: true }).lookupAbuseContact('8.8.8.8')).source).toBe('unknown');
    expect(server.hits.length).toBe(before);
    const dead = new RdapClient({ bootstrapBaseUrl: 'http://127.0.0.1:9/', requestTimeoutMs: 300 });
    expect((await dead.lookupAbuseContact('8.8.8.8')).source).toBe('unknown');
    expect((await dead.lookupAbuseContact('not an ip')).source).toBe('unknown');
    expect(dead.counts.invalid_address).toBe(1);
  });

  it('keeps contacts in a JSON file across restarts, until they expire', async () => {
    let now = Date.now();
    const path = join(dir, 'abuse.json');
    const first = client({ cachePath: path, now: () => now });
    await first.lookupAbuseContact('8.8.8.8');
    await first.flush();
    const second = client({ cachePath: path, offline: true, now: () => now });
    expect(second.cachedAbuseContact('8.8.8.8')?.email).toBe('network-abuse@google.com');
    now += 8 * 86_400_000;
    expect(second.cachedAbuseContact('8.8.8.8')).toBeUndefined();
  });

  it('starts empty on a corrupt cache file and creates missing directories when writing', async () => {
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"version":1,"entries":{"8.8.8.0/24":');
    const bad = new JsonFileAbuseContactCache(corrupt);
    expect(bad.lastError).toMatch(/parse/);
    expect(bad.get('8.8.8.0/24')).toBeUndefined();
    const nested = new JsonFileAbuseContactCache(join(dir, 'a', 'b', 'abuse.json'));
    nested.set(
      '8.8.8.0/24',
      { email: 'x@example.net', name: undefined, handle: undefined, source: 's', fetchedAt: 1 },
      60_000,
    );
    await nested.flush();
    expect(nested.lastError).toBeUndefined();
    expect(new JsonFileAbuseContactCache(join(dir, 'a', 'b', 'abuse.json')).get('8.8.8.0/24')?.email).toBe(
      'x@example.net',
    );
  });

  it('caches the bootstrap files on disk for the next run', async () => {
    const bootstrapCacheDir = join(dir, 'bootstrap');
    await client({ bootstrapCacheDir }).lookupAbuseContact('8.8.8.8');
    const before = server.hits.filter((h) => h.startsWith('/bootstrap/')).length;
    await client({ bootstrapCacheDir }).lookupAbuseContact('8.8.8.8');
    expect(server.hits.filter((h) => h.startsWith('/bootstrap/')).length).toBe(before);
  });

  it('spends at most the global request budget and retries refused lookups later', async () => {
    let now = Date.now();
    const c = client({ budget: { requests: 2, perMs: 60_000 }, now: () => now });
    expect((await c.lookupAbuseContact('8.8.8.8')).email).toBeDefined(); // bootstrap + query
    expect((await c.lookupAbuseContact('193.0.6.139')).source).toBe('unknown');
    expect(c.counts.budget).toBe(1);
    now += 61_000;
    expect((await c.lookupAbuseContact('193.0.6.139')).email).toBe('abuse@ripe.net');
  });

  it('runs at most `concurrency` lookups at once and shares one request per network', async () => {
    const c = client({ concurrency: 1 });
    const results = await Promise.all([
      c.lookupAbuseContact('8.8.8.8'),
      c.lookupAbuseContact('8.8.8.9'),
      c.lookupAbuseContact('193.0.6.139'),
    ]);
    expect(results.map((r) => r.email)).toEqual([
      'network-abuse@google.com',
      'network-abuse@google.com',
      'abuse@ripe.net',
    ]);
  });
});
