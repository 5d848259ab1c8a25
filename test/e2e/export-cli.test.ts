/**
 * `rampart export` end to end, in-process: from the SQLite state store in a data directory (allow entries
 * override bans) and from a JSON file with hostile rows; refused values go to stderr, the exit code is 0.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';
import { openSqliteStateStore, STATE_DB_FILE } from '../../packages/server/src/store/sqlite/sqlite-state-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

async function cli(args: string[]) {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'rampart', ...args], { stdout: out.stream, stderr: err.stream, env: {}, cwd: dir });
  return { code, out: out.text(), err: err.text() };
}

describe('rampart export', () => {
  it('exports active bans from the state store, leaving out allowlisted ones', async () => {
    const data = join(dir, 'data');
    const store = openSqliteStateStore(join(data, STATE_DB_FILE), {
      escalation: { ladderSeconds: [3600], lookbackSeconds: 86_400 },
    });
    const who = { actor: 'test', now: Date.now() };
    await store.bans.add({ value: '198.51.100.7', reason: 'scraper', ttlSeconds: 3600 }, who);
    await store.bans.add({ value: '2001:db8:42::/48', reason: 'scanner', ttlSeconds: 3600 }, who);
    await store.bans.add({ value: '203.0.113.9', reason: 'partner', ttlSeconds: 3600 }, who);
    await store.bans.add({ value: '192.0.2.1', reason: 'slow', mode: 'throttle', ttlSeconds: 3600 }, who);
    await store.allow.add({ value: '203.0.113.9', reason: 'partner' }, who);
    await store.close();

    const r = await cli(['export', '--format', 'nftables', '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('198.51.100.7');
    expect(r.out).toContain('2001:db8:42::/48');
    expect(r.out).toMatch(/set throttle_v4 \{[^}]*192\.0\.2\.1/);
    expect(r.out).not.toContain('203.0.113.9');
    expect(r.err).toContain('refused "203.0.113.9": allowlisted');
  });

  it('reads --from FILE, writes --out atomically, and reports hostile rows on stderr with exit 0', async () => {
    const from = join(dir, 'bans.json');
    writeFileSync(
      from,
      JSON.stringify([
        { kind: 'ip', value: '198.51.100.7', mode: 'ban' },
        { kind: 'ip', value: '1.2.3.4; rm -rf /', mode: 'ban' },
        { kind: 'ip', value: '1.2.3.4\nCOMMIT', mode: 'ban' },
        { kind: 'cidr', value: '0.0.0.0/0' },
        { kind: 'nonsense', value: 'x' },
      ]),
    );
    const r = await cli(['export', '--format', 'iptables', '--from', from, '--out', 'rules.v4']);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(join(dir, 'rules.v4'), 'utf8');
    expect(text).toContain('-A RAMPART -s 198.51.100.7/32 -j DROP');
    expect(text).not.toContain('rm -rf');
    expect(r.err).toContain('refused "1.2.3.4; rm -rf /": ip: not an IP address');
    expect(r.err).toContain('refused "1.2.3.4\\nCOMMIT"');
    expect(r.err).toContain('refused "0.0.0.0/0": cidr: a /0 network would block everything');
    expect(r.err).toContain('refused "row 5"');
    expect(r.err).toMatch(/1 written, 4 entries, 0 expired, 4 refused/);
  });

  it('fails with the list of formats for an unknown one, and with exit 3 when there is no ban list', async () => {
    const bad = await cli(['export', '--format', 'pf', '--from', 'x.json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('known export formats: json, csv, plain');
    const prefix = await cli(['export', '--format', 'ipset', '--from', 'x.json', '--set-prefix', 'a b;c']);
    expect(prefix.code).toBe(2);
    expect(prefix.err).toContain('--set-prefix takes');
    const none = await cli(['export', '--format', 'json', '--data', join(dir, 'nowhere')]);
    expect(none.code).toBe(3);
    expect(none.err).toContain('no ban list');
  });
});

describe('rampart export with ASN bans', () => {
  it('expands an ASN to its prefixes from the IP data for formats that need addresses', async () => {
    const from = join(dir, 'asn.json');
    writeFileSync(from, JSON.stringify([{ kind: 'asn', value: 'AS13335', mode: 'ban' }]));
    const r = await cli(['export', '--format', 'plain', '--from', from]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(r.err).toMatch(/expanded AS13335 → \d+ prefixes/);
    const cf = await cli(['export', '--format', 'cloudflare_expression', '--from', from]);
    expect(cf.out.trim()).toBe('(ip.geoip.asnum in {13335})');
  });
});
