/**
 * Rampart's own log-in under attack, through the HTTP API of a running server: wrong passwords lock the
 * account (429 RATE_LIMITED with Retry-After, even for the right password) until an admin clears it, and
 * every refused log-in is stored as a request event that the traffic API shows. With an e-mail alert
 * channel configured, invitations and password resets go out through its SMTP server (a real one on
 * loopback), and a reset link sets a new password once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { eventually } from './serve-harness.js';
import {
  addPerson,
  type Caller,
  call,
  logInAs,
  startTeamServer,
  type TeamServer,
  tokenOfLink,
} from './team-api-fixture.js';

let s: TeamServer;
let smtp: TestSmtpServer;
let admin: Caller;
const anonymous: Caller = { kind: 'anonymous' };

beforeAll(async () => {
  smtp = await startSmtpServer();
  s = await startTeamServer({
    alerts: {
      publicUrl: 'https://rampart.example.com',
      channels: [
        {
          id: 'mail',
          type: 'email',
          smtp: {
            host: '127.0.0.1',
            port: smtp.port,
            tls: 'none',
            from: 'Rampart <rampart@example.com>',
            to: ['soc@example.com'],
          },
          // Invitations only: no alert of this test should reach the inbox.
          filters: { events: ['ban.automatic'] },
        },
      ],
    },
  });
  admin = await addPerson(
    s,
    { kind: 'token', token: s.adminToken },
    'admin@example.com',
    'admin',
    'admin keeps the keys',
  );
}, 60_000);
afterAll(async () => {
  await s?.close();
  await smtp?.close();
});

describe('log-in lock-out', () => {
  it('answers 429 with Retry-After after five wrong passwords, stores each refusal as an event, and an admin can unlock', async () => {
    const invited = await call(s, admin, 'POST', '/api/v1/users', { email: 'vic@example.com', role: 'viewer' });
    const token = tokenOfLink(invited.json.inviteUrl);
    await call(s, anonymous, 'POST', '/api/v1/invitations/accept', { token, password: 'vic has a long one' });

    for (let i = 0; i < 5; i++) {
      const r = await call(s, anonymous, 'POST', '/api/v1/session', {
        email: 'vic@example.com',
        password: `guess ${i}`,
      });
      expect(r.status, `attempt ${i + 1}`).toBe(401);
    }
    const locked = await call(s, anonymous, 'POST', '/api/v1/session', {
      email: 'vic@example.com',
      password: 'vic has a long one',
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('RATE_LIMITED');
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    const wrongToken = await call(s, anonymous, 'POST', '/api/v1/session', { token: 'rmp_not-a-real-token' });
    expect(wrongToken.status).toBe(401);

    // 5 × 401 and 1 × 429 for the account, 1 × 401 for the token: stored like any other request.
    const byStatus = await eventually(async () => {
      const r = await call(s, admin, 'GET', '/api/v1/traffic/breakdown/status?path=/api/v1/session');
      const rows = Object.fromEntries(r.json.rows.map((x: { key: string; requests: number }) => [x.key, x.requests]));
      return rows['401'] === 6 && rows['429'] === 1 ? rows : undefined;
    });
    expect(byStatus).toEqual({ '401': 6, '429': 1 });
    const ips = await call(s, admin, 'GET', '/api/v1/traffic/breakdown/ip?path=/api/v1/session');
    expect(ips.json.rows).toEqual([expect.objectContaining({ key: '127.0.0.1', requests: 7 })]);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/rampart_failed_logins_total\{outcome="stored"\} 7/);

    const vic = (await call(s, admin, 'GET', '/api/v1/users')).json.users.find(
      (u: { email: string }) => u.email === 'vic@example.com',
    );
    // The users list says until when (Retry-After's wait from now), and no longer once cleared.
    expect(vic.lockedUntil).toBeGreaterThan(Date.now() + 13 * 60_000);
    expect(vic.lockedUntil).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    expect((await call(s, admin, 'POST', `/api/v1/users/${vic.id}/unlock`)).status).toBe(200);
    const listed = (await call(s, admin, 'GET', '/api/v1/users')).json.users.find(
      (u: { email: string }) => u.email === 'vic@example.com',
    );
    expect(listed.lockedUntil).toBeUndefined();
    const after = await logInAs(s, 'vic@example.com', 'vic has a long one');
    expect((await call(s, after, 'GET', '/api/v1/session')).json.user.email).toBe('vic@example.com');
  }, 60_000);
});

describe('e-mail through the alert channel', () => {
  it('mails the invitation and a reset link; the link sets a new password once', async () => {
    const before = smtp.mails.length;
    const invited = await call(s, admin, 'POST', '/api/v1/users', { email: 'rita@example.com', role: 'billing' });
    expect(invited.status).toBe(201);
    expect(invited.json.emailed).toBe(true);
    expect(invited.json.inviteUrl).toMatch(/^https:\/\/rampart\.example\.com\/invite#token=/);
    const [invitation] = (await smtp.waitFor(before + 1)).slice(before);
    expect(invitation?.to).toEqual(['rita@example.com']);
    expect(invitation?.parsed.text).toContain(invited.json.inviteUrl);
    await call(s, anonymous, 'POST', '/api/v1/invitations/accept', {
      token: tokenOfLink(invited.json.inviteUrl),
      password: 'rita reads the bills',
    });

    const asked = await call(s, anonymous, 'POST', '/api/v1/password-reset', { email: 'rita@example.com' });
    const unknown = await call(s, anonymous, 'POST', '/api/v1/password-reset', { email: 'ghost@example.com' });
    expect([asked.status, unknown.status]).toEqual([202, 202]);
    expect(unknown.json).toEqual(asked.json);
    const [reset] = (await smtp.waitFor(before + 2)).slice(before + 1);
    expect(reset?.to).toEqual(['rita@example.com']);
    const link = /https:\/\/rampart\.example\.com\/reset-password#token=[A-Za-z0-9_-]{43}/.exec(
      reset?.parsed.text ?? '',
    )?.[0];
    expect(link).toBeDefined();

    const confirm = { token: tokenOfLink(link!), password: 'rita resets the bills' };
    expect((await call(s, anonymous, 'POST', '/api/v1/password-reset/confirm', confirm)).json).toEqual({
      email: 'rita@example.com',
    });
    expect((await call(s, anonymous, 'POST', '/api/v1/password-reset/confirm', confirm)).status).toBe(404);
    await logInAs(s, 'rita@example.com', 'rita resets the bills');
    const old = await call(s, anonymous, 'POST', '/api/v1/session', {
      email: 'rita@example.com',
      password: 'rita reads the bills',
    });
    expect(old.status).toBe(401);
    // The unknown address got nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.slice(before).map((m) => m.to[0])).toEqual(['rita@example.com', 'rita@example.com']);
  }, 60_000);

  it('limits reset requests per e-mail address without changing the answer', async () => {
    const before = smtp.mails.length;
    for (let i = 0; i < 5; i++) {
      expect((await call(s, anonymous, 'POST', '/api/v1/password-reset', { email: 'vic@example.com' })).status).toBe(
        202,
      );
    }
    await smtp.waitFor(before + 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.length - before).toBe(3);
  });
});
