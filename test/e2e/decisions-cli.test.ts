/**
 * The decisions CLI end to end, in-process on a real data directory: bans with escalation and expiry,
 * allow-over-ban overlaps, audit verification after tampering with the SQLite file, CSV export safety,
 * and the refusal of server mode. The clock is pinned with RAMPART_NOW.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-decisions-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

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

/** A CLI bound to a fresh data directory (via RAMPART_DATA) and a settable clock. */
function cliIn(dataDir = join(root, `d${n++}`)) {
  let now = '2026-01-10T12:00:00Z';
  const run = async (...args: string[]) => {
    const out = sink();
    const err = sink();
    const env = { RAMPART_DATA: dataDir, RAMPART_NOW: now, USER: 'tester' };
    const code = await main(['node', 'rampart', ...args], { stdout: out.stream, stderr: err.stream, env, cwd: root });
    return { code, out: out.text(), err: err.text() };
  };
  return { run, dataDir, at: (iso: string) => (now = iso) };
}

describe('rampart bans', () => {
  it('adds, lists as a table and as JSON, and removes bans', async () => {
    const { run } = cliIn();
    const add = await run(
      'bans',
      'add',
      '2001:DB8::/32',
      'as64500',
      '--ttl',
      '6h',
      '--reason',
      'scanner',
      '--service',
      'api',
    );
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain('ban cidr 2001:db8::/32 as b1, expires 2026-01-10T18:00:00Z (6h)');
    const table = await run('bans', 'list');
    expect(table.out).toMatch(/^ID\s+KIND\s+VALUE\s+MODE\s+SERVICE\s+EXPIRES/);
    expect(table.out).toMatch(/b2\s+asn\s+AS64500\s+ban\s+api/);
    const json = JSON.parse((await run('bans', 'list', '--json')).out);
    expect(json.bans.map((b: { value: string }) => b.value)).toEqual(['2001:db8::/32', 'AS64500']);
    expect((await run('bans', 'remove', 'b1', 'AS64500', '--service', 'api')).out).toBe(
      'removed b1 cidr 2001:db8::/32\nremoved b2 asn AS64500\n',
    );
    expect((await run('bans', 'list')).out).toBe('no active bans\n');
    const missing = await run('bans', 'remove', '192.0.2.1');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no active ban on "192.0.2.1"');
  });

  it('escalates a repeat offender along the ladder and lets bans expire on time', async () => {
    const cli = cliIn();
    const first = await cli.run('bans', 'add', '198.51.100.7');
    expect(first.out).toContain('expires 2026-01-10T13:00:00Z (1h)');
    cli.at('2026-01-10T14:00:00Z');
    expect((await cli.run('bans', 'list')).out).toBe('no active bans\n');
    const second = await cli.run('bans', 'add', '198.51.100.7');
    expect(second.out).toContain('expires 2026-01-10T20:00:00Z (6h), offence 2');
    const audit = JSON.parse((await cli.run('audit', 'list', '--json', '--action', 'expire')).out);
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({ actor: 'system', entityId: 'b1' });
  });

  it('refuses values that are not addresses, networks, ASNs or countries', async () => {
    const { run } = cliIn();
    const bad = await run('bans', 'add', '1.2.3.4;reboot');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('not an IP address, CIDR network, ASN (AS123) or country code');
    expect((await run('bans', 'add', '1.2.3.4', '--ttl', 'soon')).code).toBe(2);
    expect((await run('bans', 'add', '1.2.3.4', '--mode', 'nuke')).code).toBe(2);
  });

  it('reports an allowlisted address inside a new network ban instead of hiding it', async () => {
    const { run } = cliIn();
    expect((await run('allow', 'add', '203.0.113.7', '--reason', 'office NAT')).out).toContain(
      'allowed ip 203.0.113.7 as a1',
    );
    const ban = await run('bans', 'add', '203.0.113.0/24', '--reason', 'hosting range');
    expect(ban.code).toBe(0);
    expect(ban.err).toContain('warning: 203.0.113.0/24 overlaps the allowlist; the allow entries win');
    expect(ban.err).toContain('allowed ip 203.0.113.7 (a1): office NAT');
    const allow = await run('allow', 'add', '203.0.113.0/28', '--reason', 'partner');
    expect(allow.err).toContain('banned cidr 203.0.113.0/24 (b1)');
  });

  it('keeps crawler families and API keys on the allowlist, with expiry', async () => {
    const cli = cliIn();
    await cli.run('allow', 'add', 'Googlebot', '--kind', 'crawler', '--reason', 'seo');
    await cli.run('allow', 'add', 'partner_key_1', '--kind', 'api-key', '--ttl', '1h');
    cli.at('2026-01-10T13:30:00Z');
    const list = JSON.parse((await cli.run('allow', 'list', '--json')).out);
    expect(list.allow.map((a: { kind: string; value: string }) => `${a.kind}:${a.value}`)).toEqual([
      'crawler:googlebot',
    ]);
    expect((await cli.run('allow', 'remove', 'googlebot')).out).toContain('removed a1 crawler googlebot');
  });

  it('says server mode needs `rampart serve`', async () => {
    const { run } = cliIn();
    const r = await run('bans', 'list', '--server', 'http://127.0.0.1:9', '--token', 't');
    expect(r.code).toBe(2);
    expect(r.err).toContain('server mode needs `rampart serve` (not available yet)');
  });
});

describe('rampart audit', () => {
  it('verifies an intact trail, then fails and names the record edited in the SQLite file', async () => {
    const cli = cliIn();
    await cli.run('bans', 'add', '198.51.100.1', '--reason', 'one');
    await cli.run('bans', 'add', '198.51.100.2', '--reason', 'two');
    await cli.run('bans', 'remove', '198.51.100.1', '--reason', 'three');
    const ok = await cli.run('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^audit trail intact: 3 records, head hash [0-9a-f]{64}\n$/);
    const db = new Database(join(cli.dataDir, 'state.db'));
    db.prepare("UPDATE audit SET actor = 'someone-else' WHERE seq = 2").run();
    db.close();
    const broken = await cli.run('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('audit trail BROKEN at record 2: content does not match its hash (record was edited)');
  });

  it('fails verification when a record is deleted', async () => {
    const cli = cliIn();
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) await cli.run('bans', 'add', ip);
    const db = new Database(join(cli.dataDir, 'state.db'));
    db.prepare('DELETE FROM audit WHERE seq = 2').run();
    db.close();
    const r = await cli.run('audit', 'verify', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).broken.seq).toBe(2);
  });

  it('exports NDJSON and formula-safe CSV', async () => {
    const cli = cliIn();
    await cli.run('bans', 'add', '198.51.100.1', '--reason', '=HYPERLINK("http://evil.example","x")');
    await cli.run('bans', 'add', '198.51.100.2', '--reason', '@SUM(A1:A2), "quoted"');
    const nd = (await cli.run('audit', 'export', '--format', 'ndjson')).out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(nd.map((r) => [r.seq, r.action, r.actor])).toEqual([
      [1, 'ban', 'tester'],
      [2, 'ban', 'tester'],
    ]);
    expect(nd[1].prevHash).toBe(nd[0].hash);
    const out = join(cli.dataDir, 'audit.csv');
    expect((await cli.run('audit', 'export', '--format', 'csv', '--out', out)).code).toBe(0);
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv[0]).toBe('seq,time,actor,action,entity_kind,entity_id,reason,before,after,prev_hash,hash');
    expect(csv[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv[2]).toContain(`"'@SUM(A1:A2), ""quoted"""`);
  });
});
