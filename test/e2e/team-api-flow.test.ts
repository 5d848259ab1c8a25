/**
 * The story through the HTTP API of a running `rampart serve`, on a real socket: an admin invites
 * a viewer, the viewer accepts with the link's token, logs in with e-mail and password (after one typo),
 * reads reports, is refused approving one (403) while the admin may, and the audit trail names each step
 * with the person who took it. Then the viewer changes the password and logs out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, failedLoginBurst } from './serve-harness.js';
import {
  addPerson,
  type Caller,
  call,
  cookieOf,
  logInAs,
  startTeamServer,
  type TeamServer,
  tokenOfLink,
} from './team-api-fixture.js';

let s: TeamServer;
let root: Caller;
beforeAll(async () => {
  s = await startTeamServer({
    server: { reportCycleSeconds: 1 },
    detect: { latenessSeconds: 0, evaluateEverySeconds: 10 },
  });
  root = { kind: 'token', token: s.adminToken };
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const anonymous: Caller = { kind: 'anonymous' };

describe('a viewer joins through the API', () => {
  it('is invited, accepts, logs in, reads, is refused a decision, and every step is audited', async () => {
    // A burst of failed log-ins against the shop makes a pending report. Shipped first: the refused
    // log-ins below enter the same pipeline at wall-clock time and move the event clock past the burst.
    const shipped = await fetch(`${s.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/x-ndjson' },
      body: failedLoginBurst('198.51.100.77', Date.now() - 60_000),
    });
    expect(shipped.status).toBe(200);
    const admin = await addPerson(s, root, 'admin@example.com', 'admin', 'admin keeps the keys');

    const invited = await call(s, admin, 'POST', '/api/v1/users', { email: 'Vera@Example.com', role: 'viewer' });
    expect(invited.status).toBe(201);
    expect(invited.json).toMatchObject({
      user: { email: 'vera@example.com', role: 'viewer', status: 'invited' },
      emailed: false,
    });
    expect(invited.json.inviteUrl).toMatch(/\/invite#token=[A-Za-z0-9_-]{43}$/);
    expect(invited.json.inviteUrl.startsWith(s.url)).toBe(true);
    const token = tokenOfLink(invited.json.inviteUrl);

    const weak = await call(s, anonymous, 'POST', '/api/v1/invitations/accept', { token, password: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.json.error.message).toMatch(/common/);
    const accepted = await call(s, anonymous, 'POST', '/api/v1/invitations/accept', {
      token,
      password: 'violet tractor sings',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({ email: 'vera@example.com' });
    const again = await call(s, anonymous, 'POST', '/api/v1/invitations/accept', {
      token,
      password: 'another fine one',
    });
    expect(again.status).toBe(404);

    const typo = await call(s, anonymous, 'POST', '/api/v1/session', {
      email: 'vera@example.com',
      password: 'violet tractor sing',
    });
    expect(typo.status).toBe(401);
    const unknown = await call(s, anonymous, 'POST', '/api/v1/session', {
      email: 'nobody@example.com',
      password: 'violet tractor sing',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(typo.json);

    const login = await call(s, anonymous, 'POST', '/api/v1/session', {
      email: 'vera@example.com',
      password: 'violet tractor sings',
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(
      /^rampart_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict; Max-Age=\d+$/,
    );
    expect(login.json.user).toMatchObject({ email: 'vera@example.com', role: 'viewer' });
    expect(login.json.permissions).toContain('reports:read');
    expect(login.json.permissions).not.toContain('reports:decide');
    const vera: Caller = { kind: 'session', cookie: cookieOf(login.headers), csrf: login.json.csrf };

    const me = await call(s, vera, 'GET', '/api/v1/session');
    expect(me.json).toMatchObject({ user: { email: 'vera@example.com', role: 'viewer' }, csrf: login.json.csrf });

    const report = await eventually(async () => {
      const r = await call(s, vera, 'GET', '/api/v1/reports?status=pending');
      expect(r.status).toBe(200);
      return r.json.reports[0];
    });

    const refused = await call(s, vera, 'POST', `/api/v1/reports/${report.id}/approve`, { note: 'looks bad' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect((await call(s, vera, 'GET', `/api/v1/reports/${report.id}`)).json.report.status).toBe('pending');
    expect((await call(s, vera, 'GET', '/api/v1/users')).status).toBe(403);
    const approved = await call(s, admin, 'POST', `/api/v1/reports/${report.id}/approve`, { note: 'ban it' });
    expect(approved.status).toBe(200);

    const audit = (await call(s, vera, 'GET', '/api/v1/audit?limit=1000')).json.records as {
      actor: string;
      action: string;
      reason: string;
      entityId: string;
    }[];
    const steps = audit.map((r) => `${r.action} | ${r.reason} | ${r.actor}`);
    const veraId = invited.json.user.id;
    expect(steps).toContain('user_change | created | admin@example.com');
    expect(steps).toContain('user_change | invitation created | admin@example.com');
    expect(steps).toContain('user_change | invitation accepted | vera@example.com');
    expect(steps).toContain('login | failed: wrong password | vera@example.com');
    expect(steps).toContain('login | failed: unknown account | nobody@example.com');
    expect(steps).toContain('login | success | vera@example.com');
    expect(audit.filter((r) => r.entityId === veraId && r.action === 'login').map((r) => r.reason)).toEqual([
      'failed: wrong password',
      'success',
    ]);
    // The admin's decision names the person, the refused one left no decision behind.
    const decisions = audit.filter((r) => r.action === 'report_decision');
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.every((r) => r.actor === 'admin@example.com')).toBe(true);
    expect((await call(s, vera, 'GET', '/api/v1/audit/verify')).json.verdict).toMatchObject({ ok: true });

    const people = (await call(s, admin, 'GET', '/api/v1/users')).json.users;
    expect(people.find((u: { email: string }) => u.email === 'vera@example.com')).toMatchObject({
      status: 'active',
      role: 'viewer',
      lastLoginAt: expect.any(Number),
    });
  }, 60_000);

  it('changes a password: the old session ends, the new cookie works, the old password does not', async () => {
    await addPerson(s, root, 'bill@example.com', 'billing', 'bill counts the days');
    const bill = (await logInAs(s, 'bill@example.com', 'bill counts the days')) as Extract<Caller, { kind: 'session' }>;
    const other = await logInAs(s, 'bill@example.com', 'bill counts the days');
    const wrong = await call(s, bill, 'POST', '/api/v1/session/password', { current: 'nope nope nope', next: 'x' });
    expect(wrong.status).toBe(400);
    const changed = await call(s, bill, 'POST', '/api/v1/session/password', {
      current: 'bill counts the days',
      next: 'bill counts the nights',
    });
    expect(changed.status).toBe(200);
    const renewed: Caller = { kind: 'session', cookie: cookieOf(changed.headers), csrf: changed.json.csrf };
    expect((await call(s, renewed, 'GET', '/api/v1/usage')).status).toBe(200);
    expect((await call(s, bill, 'GET', '/api/v1/session')).status).toBe(401);
    expect((await call(s, other, 'GET', '/api/v1/session')).status).toBe(401);
    expect(
      (
        await call(s, anonymous, 'POST', '/api/v1/session', {
          email: 'bill@example.com',
          password: 'bill counts the days',
        })
      ).status,
    ).toBe(401);

    const out = await call(s, renewed, 'DELETE', '/api/v1/session');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^rampart_session=; .*Max-Age=0$/);
    expect((await call(s, renewed, 'GET', '/api/v1/session')).status).toBe(401);
  }, 60_000);

  it("applies a role change at the next request and ends a removed person's session at once", async () => {
    const admin = await logInAs(s, 'admin@example.com', 'admin keeps the keys');
    const dana = await addPerson(s, root, 'dana@example.com', 'viewer', 'dana watches the graphs');
    const id = (await call(s, dana, 'GET', '/api/v1/session')).json.user.id;
    const ban = { value: '203.0.113.50', reason: 'role test' };
    expect((await call(s, dana, 'POST', '/api/v1/bans', ban)).status).toBe(403);
    expect((await call(s, admin, 'PATCH', `/api/v1/users/${id}`, { role: 'admin' })).json.user.role).toBe('admin');
    const added = await call(s, dana, 'POST', '/api/v1/bans', ban);
    expect(added.status).toBe(201);
    expect((await call(s, dana, 'GET', '/api/v1/session')).json.permissions).toContain('bans:write');

    expect((await call(s, admin, 'DELETE', `/api/v1/users/${id}`)).json.user.status).toBe('removed');
    expect((await call(s, dana, 'GET', '/api/v1/session')).status).toBe(401);
    expect((await call(s, admin, 'DELETE', `/api/v1/users/${id}`)).status).toBe(404);
    const audit = (await call(s, admin, 'GET', '/api/v1/audit?limit=1000')).json.records as {
      actor: string;
      action: string;
      reason: string;
      entityId: string;
    }[];
    expect(
      audit.filter((r) => r.entityId === id && r.action === 'user_change').map((r) => `${r.reason} by ${r.actor}`),
    ).toEqual([
      'created by token:admin',
      'invitation created by token:admin',
      'invitation accepted by dana@example.com',
      'role changed by admin@example.com',
      'removed by admin@example.com',
    ]);
    expect(audit.some((r) => r.action === 'ban' && r.actor === 'dana@example.com')).toBe(true);
  }, 60_000);

  it('answers usage to billing: events per service per day, disk used, retention', async () => {
    const bill = await logInAs(s, 'bill@example.com', 'bill counts the nights');
    const usage = await call(s, bill, 'GET', '/api/v1/usage?days=2');
    expect(usage.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const total = usage.json.services.reduce((n: number, x: { events: number }) => n + x.events, 0);
    expect(total).toBeGreaterThanOrEqual(20);
    expect(usage.json.services.flatMap((x: { days: { day: string }[] }) => x.days.map((d) => d.day))).toContain(today);
    expect(usage.json.storage.bytes).toBeGreaterThan(0);
    expect(usage.json.storage.files.map((f: { name: string }) => f.name)).toContain('state.db');
    expect(usage.json.retention).toMatchObject({ maxAgeDays: expect.any(Number), maxEvents: expect.any(Number) });
  });
});
