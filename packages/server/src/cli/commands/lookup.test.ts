import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRdapServer, type TestRdapServer } from '../../../../../test/support/rdap-server.js';
import { buildMmdb } from '../../../../core/src/enrich/ip/fixtures/mmdb-writer.js';
import { main } from '../main.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-lookup-'));
let rdap: TestRdapServer;

beforeAll(async () => {
  const arin = JSON.parse(
    readFileSync(new URL('../../../../core/src/enrich/rdap/fixtures/arin-8.8.8.8.json', import.meta.url), 'utf8'),
  );
  rdap = await startRdapServer({ arin: ['8.0.0.0/8'] }, { '/arin/ip/8.8.8.8': { json: arin } });
});
afterAll(async () => {
  await rdap.close();
  rmSync(root, { recursive: true, force: true });
});

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(args: string[], stdinText?: string) {
  const out = sink();
  const err = sink();
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  const code = await main(['node', 'rampart', 'lookup', ...args], {
    stdout: out.stream,
    stderr: err.stream,
    stdin,
    env: { RAMPART_DATA: join(root, 'data') },
    cwd: root,
  });
  return { code, out: out.text(), err: err.text() };
}

describe('rampart lookup', () => {
  it('answers known addresses with ASN, organisation, prefix, country, network type and sources', async () => {
    const r = await run(['1.0.0.1', '8.8.8.8', '2001:4860:4860::8888', '--no-rdap', '--json']);
    expect(r.code).toBe(0);
    const [cf, g4, g6] = JSON.parse(r.out).results;
    expect(cf).toMatchObject({ ip: '1.0.0.1', asn: 13335, org: 'Cloudflare, Inc.', prefix: '1.0.0.0/24' });
    expect(g4).toMatchObject({ asn: 15169, org: 'Google LLC', country: 'US', networkType: 'hosting' });
    expect(g4.sources).toMatchObject({ asn: 'ip-location-db/asn', networkType: 'asn-table' });
    expect(g6).toMatchObject({ ip: '2001:4860:4860::8888', version: 6, asn: 15169 });
  });

  it('says private for RFC 1918 addresses, without an error', async () => {
    const r = await run(['10.1.2.3', '192.168.1.1', '--no-rdap']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('10.1.2.3\n  scope         private');
    expect(r.out).toContain('none (private address)');
    expect(r.err).toBe('');
  });

  it('reports each invalid address and exits 2 only when none was valid', async () => {
    const mixed = await run(['8.8.8.8', '999.1.1.1', '--no-rdap']);
    expect(mixed.code).toBe(0);
    expect(mixed.err).toContain("'999.1.1.1': not an IP address");
    const bad = await run(['nope', 'also-nope', '--no-rdap']);
    expect(bad.code).toBe(2);
    expect(bad.err).not.toMatch(/at .*\.ts:\d+/);
    expect(bad.err.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('reads addresses from standard input, one a line', async () => {
    const r = await run(['--no-rdap', '--json'], '8.8.8.8\n# comment\n\n1.1.1.1\n');
    expect(JSON.parse(r.out).results.map((x: { asn: number }) => x.asn)).toEqual([15169, 13335]);
  });

  it('verifies a claimed crawler given with --ua and flags an impersonator', async () => {
    const ua = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const r = await run(['81.2.69.160', '--ua', ua, '--no-rdap', '--json', '--timeout', '500']);
    const [res] = JSON.parse(r.out).results;
    expect(res.crawler).toMatchObject({ family: 'googlebot', verified: false });
  });

  it('finds the abuse contact over RDAP and says unknown when the registry is unreachable', async () => {
    const ok = await run(['8.8.8.8', '--rdap-bootstrap', `${rdap.origin}/bootstrap/`]);
    expect(ok.out).toMatch(/abuse contact +network-abuse@google\.com/);
    const dead = await run(['8.8.4.4', '--rdap-bootstrap', 'http://127.0.0.1:9/', '--timeout', '1000']);
    expect(dead.code).toBe(0);
    expect(dead.out).toMatch(/abuse contact +unknown/);
  });

  it('reads MMDB files named in the config, relative to the working directory', async () => {
    writeFileSync(
      join(root, 'asn.mmdb'),
      buildMmdb('GeoLite2-ASN', {
        '8.8.8.0/24': { autonomous_system_number: 64500, autonomous_system_organization: 'Example Hosting Ltd' },
      }),
    );
    writeFileSync(
      join(root, 'country.mmdb'),
      buildMmdb('GeoLite2-Country', { '8.0.0.0/8': { country: { iso_code: 'NL' } } }),
    );
    writeFileSync(join(root, 'mmdb.yaml'), 'enrich:\n  mmdb: { asn: asn.mmdb, country: country.mmdb }\n');
    const r = await run(['8.8.8.8', '--no-rdap', '--json', '-c', 'mmdb.yaml']);
    const [res] = JSON.parse(r.out).results;
    expect(res).toMatchObject({ asn: 64500, org: 'Example Hosting Ltd', prefix: '8.8.8.0/24', country: 'NL' });
    expect(res.sources).toMatchObject({ asn: 'mmdb', country: 'mmdb', networkType: 'org-name:hosting' });
    writeFileSync(join(root, 'bad.yaml'), 'enrich:\n  mmdb: { asn: missing.mmdb }\n');
    const bad = await run(['8.8.8.8', '--no-rdap', '-c', 'bad.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('enrich.mmdb.asn');
  });
});
