/**
 * `rampart users` and `rampart tokens` in-process on a real data directory: the invitation link printed
 * once and accepted through the team library, roles, removal, refusals with exit codes, tokens created
 * (shown once, stored hashed), listed and revoked, and every change in the audit trail.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';
import { SqliteTokenStore } from '../../packages/server/src/store/sqlite/sqlite-tokens.js';
import { logIn } from '../../packages/server/src/team/team-login.js';
import { openTeamFixture, tokenOf } from './team-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-team-cli-'));
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

/** Whether `text` appears in any file of the data directory (the database, its WAL and shared memory). */
const onDisk = (dir: string, text: string) =>
  readdirSync(dir).some((name) => readFileSync(join(dir, name)).includes(Buffer.from(text)));

function cliIn(dataDir = join(root, `d${n++}`)) {
  const run = async (...args: string[]) => {
    const out = sink();
    const err = sink();
    const env = { RAMPART_DATA: dataDir, RAMPART_NOW: '2026-03-01T10:00:00Z', USER: 'ops' };
    const code = await main(['node', 'rampart', ...args], { stdout: out.stream, stderr: err.stream, env, cwd: root });
    return { code, out: out.text(), err: err.text() };
  };
  return { run, dataDir };
}

describe('rampart users', () => {
  it('invites with a printed single-use link that the team library accepts, then lists the active user', async () => {
    const { run, dataDir } = cliIn();
    const add = await run('users', 'add', 'Root@Example.com', '--role', 'admin', '--url', 'https://rampart.example');
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain('invited root@example.com as admin');
    expect(add.out).toContain('expires 2026-03-04T10:00:00Z');
    const link = /https:\/\/rampart\.example\/invite#token=[\w-]{43}/.exec(add.out)?.[0] ?? '';
    expect(link).not.toBe('');
    expect(onDisk(dataDir, 'root@example.com')).toBe(true);
    expect(onDisk(dataDir, tokenOf(link))).toBe(false);

    const f = openTeamFixture({}, join(dataDir, 'state.db'));
    try {
      await f.team.acceptInvitation(tokenOf(link), 'violet tractor sings', Date.parse('2026-03-01T11:00:00Z'));
      const r = await logIn(f.team, {
        email: 'root@example.com',
        password: 'violet tractor sings',
        address: '127.0.0.1',
        userAgent: 'test',
        now: Date.parse('2026-03-01T12:00:00Z'),
      });
      expect(r.ok).toBe(true);
    } finally {
      await f.close();
    }
    const list = await run('users', 'list');
    expect(list.out).toMatch(/^ID\s+EMAIL\s+ROLE\s+STATUS\s+CREATED/);
    expect(list.out).toMatch(/u_[0-9a-f]{12}\s+root@example\.com\s+admin\s+active/);
    const json = JSON.parse((await run('users', 'list', '--json')).out) as { users: { email: string }[] };
    expect(json.users.map((u) => u.email)).toEqual(['root@example.com']);
  });

  it('changes roles, removes users, and audits it all with the CLI actor', async () => {
    const { run } = cliIn();
    expect((await run('users', 'add', 'a@example.com', '--role', 'viewer')).code).toBe(0);
    const role = await run('users', 'role', 'a@example.com', 'billing');
    expect(role.out).toBe('a@example.com is now billing\n');
    const removed = await run('users', 'remove', 'a@example.com', '--actor', 'alice');
    expect(removed.code, removed.err).toBe(0);
    expect((await run('users', 'list')).out).toBe('no users\n');
    expect((await run('users', 'list', '--all')).out).toMatch(/a@example\.com\s+billing\s+removed/);
    const audit = JSON.parse((await run('audit', 'list', '--json')).out) as {
      records: { actor: string; reason: string }[];
    };
    expect(audit.records.map((r) => `${r.actor} ${r.reason}`)).toEqual([
      'ops created',
      'ops invitation created',
      'ops role changed',
      'alice removed',
    ]);
  });

  it('unlocks an account locked by failed log-ins, and audits it', async () => {
    const { run, dataDir } = cliIn();
    const add = await run('users', 'add', 'v@example.com', '--role', 'viewer');
    const token = /#token=([\w-]{43})/.exec(add.out)?.[1] ?? '';
    const at = Date.parse('2026-03-01T10:00:00Z');
    const attempt = (password: string, now: number) => ({
      email: 'v@example.com',
      password,
      address: '192.0.2.9',
      userAgent: 'test',
      now,
    });
    let f = openTeamFixture({}, join(dataDir, 'state.db'));
    await f.team.acceptInvitation(token, 'violet tractor sings', at - 60_000);
    for (let i = 0; i < 5; i++) await logIn(f.team, attempt('wrong guess', at - 5000 + i));
    expect(await logIn(f.team, attempt('violet tractor sings', at))).toMatchObject({ ok: false, reason: 'locked' });
    await f.close();
    const unlock = await run('users', 'unlock', 'v@example.com');
    expect(unlock.out).toBe('v@example.com may log in again\n');
    f = openTeamFixture({}, join(dataDir, 'state.db'));
    try {
      expect((await logIn(f.team, attempt('violet tractor sings', at + 1))).ok).toBe(true);
    } finally {
      await f.close();
    }
    const audit = JSON.parse((await run('audit', 'list', '--json', '--action', 'user_change')).out) as {
      records: { actor: string; reason: string }[];
    };
    expect(audit.records.at(-1)).toMatchObject({ actor: 'ops', reason: 'log-in lock-out cleared' });
  });

  it('refuses unknown roles, bad addresses and unknown users with an error and a non-zero exit', async () => {
    const { run } = cliIn();
    const badRole = await run('users', 'add', 'a@example.com', '--role', 'owner');
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toContain('role must be admin, billing or viewer');
    const badMail = await run('users', 'add', 'not-an-address', '--role', 'viewer');
    expect(badMail.code).not.toBe(0);
    expect(badMail.err).toContain('not an e-mail address');
    const unknown = await run('users', 'role', 'nobody@example.com', 'viewer');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('no user');
    const noRole = await run('users', 'add', 'a@example.com');
    expect(noRole.code).not.toBe(0);
  });
});

describe('rampart tokens', () => {
  it('creates a token shown once and stored hashed, lists it, revokes it, and audits both', async () => {
    const { run, dataDir } = cliIn();
    const created = await run('tokens', 'create', 'shipper', '--scope', 'ingest', 'read');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/^created token shipper \(t_[0-9a-f]{12}\) with scopes ingest, read\n/);
    const token = /token \(shown only now\): (rmp_[\w-]+)/.exec(created.out)?.[1] ?? '';
    expect(token).toMatch(/^rmp_[\w-]{43}$/);
    expect(onDisk(dataDir, 'shipper')).toBe(true);
    expect(onDisk(dataDir, token)).toBe(false);
    const id = /\((t_[0-9a-f]{12})\)/.exec(created.out)?.[1] ?? '';

    const list = await run('tokens', 'list');
    expect(list.out).toMatch(new RegExp(`${id}\\s+shipper\\s+ingest,read\\s+2026-03-01T10:00:00Z\\s+-`));
    expect(list.out).not.toContain(token);

    const f = openTeamFixture({}, join(dataDir, 'state.db'));
    const store = new SqliteTokenStore(f.path, f.state);
    expect(store.authenticate(token)?.name).toBe('shipper');
    store.close();
    await f.close();

    const revoked = await run('tokens', 'revoke', id);
    expect(revoked.out).toBe(`revoked shipper (${id})\n`);
    expect((await run('tokens', 'list', '--json')).out).toContain('"revokedAt": 1772359200000');
    const again = await run('tokens', 'revoke', id);
    expect(again.code).not.toBe(0);
    const audit = JSON.parse((await run('audit', 'list', '--json', '--action', 'token_change')).out) as {
      records: { actor: string; reason: string }[];
    };
    expect(audit.records.map((r) => `${r.actor} ${r.reason}`)).toEqual(['ops created', 'ops revoked']);
  });

  it('refuses an unknown scope and a duplicate name', async () => {
    const { run } = cliIn();
    const bad = await run('tokens', 'create', 'x', '--scope', 'superuser');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--scope must be some of ingest, read, admin, bouncer');
    expect((await run('tokens', 'create', 'x', '--scope', 'read')).code).toBe(0);
    const dup = await run('tokens', 'create', 'x', '--scope', 'read');
    expect(dup.code).not.toBe(0);
    expect(dup.err).toContain('a token named "x" exists');
  });
});
