/**
 * Log-in, sessions and lock-out on a real state database: sessions stored hashed with expiry, idle
 * timeout and revocation (log-out, password change, removal), CSRF tokens, cookie attributes, lock-out
 * per account and per address that survives a restart and grows, its reset, failed log-ins as
 * RequestEvents, and log-in audit records.
 */
import type { RequestEvent } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { accountKey, recordFailure } from '../../packages/server/src/team/login-limiter.js';
import { hashPassword, needsRehash } from '../../packages/server/src/team/password-hash.js';
import { sha256Hex } from '../../packages/server/src/team/secrets.js';
import {
  clearSessionCookie,
  resolveSession,
  revokeSession,
  sessionCookie,
  sessionIdFromCookieHeader,
  verifyCsrf,
} from '../../packages/server/src/team/sessions.js';
import { changePassword, type LoginAttempt, logIn, logOut } from '../../packages/server/src/team/team-login.js';
import { activeUser, cleanupTeamDirs, FAST_KDF, HOUR, openTeamFixture, T0, type TeamFixture } from './team-fixture.js';

let f: TeamFixture;
afterEach(async () => {
  await f?.close();
  cleanupTeamDirs();
});

const PASSWORD = 'violet tractor sings';
const attempt = (over: Partial<LoginAttempt> = {}): LoginAttempt => ({
  email: 'v@example.com',
  password: PASSWORD,
  address: '198.51.100.7',
  userAgent: 'Mozilla/5.0 test',
  now: T0 + HOUR,
  ...over,
});

async function withUser() {
  f = openTeamFixture();
  await activeUser(f, 'v@example.com', 'viewer', PASSWORD);
}

describe('log-in and sessions', () => {
  it('logs in with the right password and resolves the session from the cookie, stored only hashed', async () => {
    await withUser();
    const r = await logIn(f.team, attempt({ email: ' V@Example.com ' }));
    if (!r.ok) throw new Error(`log-in refused: ${r.reason}`);
    expect(r.user).toMatchObject({ email: 'v@example.com', role: 'viewer' });
    expect(r.session.maxAgeSeconds).toBe(12 * 3600);
    expect(f.users.session(r.session.id)).toBeUndefined();
    expect(f.users.session(sha256Hex(r.session.id))?.address).toBe('198.51.100.7');
    const cookie = sessionCookie(r.session.id, r.session.maxAgeSeconds);
    const id = sessionIdFromCookieHeader(`theme=dark; ${cookie.split(';')[0]}`);
    const s = resolveSession(f.users, id, T0 + HOUR + 1000);
    expect(s?.user.email).toBe('v@example.com');
    expect(s?.csrf).toBe(r.session.csrf);
  });

  it('builds the cookie with Secure, HttpOnly, SameSite=Strict and Path=/, and clears it with Max-Age=0', () => {
    const c = sessionCookie('abc', 3600);
    expect(c).toBe('rampart_session=abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=3600');
    expect(clearSessionCookie()).toMatch(/^rampart_session=; .*Max-Age=0$/);
    expect(sessionIdFromCookieHeader('rampart_session=not-an-id')).toBeUndefined();
    expect(sessionIdFromCookieHeader(undefined)).toBeUndefined();
  });

  it('verifies the CSRF token of its own session only', async () => {
    await withUser();
    const a = await logIn(f.team, attempt());
    const b = await logIn(f.team, attempt({ now: T0 + HOUR + 1 }));
    if (!a.ok || !b.ok) throw new Error('log-in refused');
    const sa = resolveSession(f.users, a.session.id, T0 + HOUR + 2)!;
    expect(verifyCsrf(sa.session, a.session.csrf)).toBe(true);
    expect(verifyCsrf(sa.session, b.session.csrf)).toBe(false);
    expect(verifyCsrf(sa.session, undefined)).toBe(false);
    expect(verifyCsrf(sa.session, `${a.session.csrf.slice(0, -1)}A`)).toBe(a.session.csrf.endsWith('A'));
  });

  it('ends a session at its absolute expiry and after the idle timeout, and keeps it alive while used', async () => {
    f = openTeamFixture({ sessions: { ttlMs: 8 * HOUR, idleMs: HOUR, touchEveryMs: 60_000 } });
    await activeUser(f, 'v@example.com', 'viewer', PASSWORD);
    const S = T0 + HOUR; // after the invitation was accepted
    const r = await logIn(f.team, attempt({ now: S }));
    if (!r.ok) throw new Error('log-in refused');
    const policy = f.team.sessionPolicy;
    expect(resolveSession(f.users, r.session.id, S + HOUR - 1, policy)).toBeDefined();
    expect(resolveSession(f.users, r.session.id, S + 2 * HOUR - 2, policy)).toBeDefined();
    for (let t = S + 2 * HOUR; t < S + 8 * HOUR; t += HOUR / 2)
      expect(resolveSession(f.users, r.session.id, t, policy), new Date(t).toISOString()).toBeDefined();
    expect(resolveSession(f.users, r.session.id, S + 8 * HOUR, policy)).toBeUndefined();
    const idle = await logIn(f.team, attempt({ now: S }));
    if (!idle.ok) throw new Error('log-in refused');
    expect(resolveSession(f.users, idle.session.id, S + HOUR, policy)).toBeUndefined();
  });

  it('ends the session on log-out and every session on password change', async () => {
    await withUser();
    const a = await logIn(f.team, attempt());
    const b = await logIn(f.team, attempt());
    if (!a.ok || !b.ok) throw new Error('log-in refused');
    expect(logOut(f.team, a.session.id, T0 + HOUR + 1)).toBe(true);
    expect(logOut(f.team, a.session.id, T0 + HOUR + 2)).toBe(false);
    expect(resolveSession(f.users, a.session.id, T0 + HOUR + 3)).toBeUndefined();
    const user = resolveSession(f.users, b.session.id, T0 + HOUR + 3)!.user;
    expect((await changePassword(f.team, user, 'wrong current one', 'lemon orbit candle', T0 + HOUR + 4)).ok).toBe(
      false,
    );
    expect(resolveSession(f.users, b.session.id, T0 + HOUR + 5)).toBeDefined();
    const changed = await changePassword(f.team, user, PASSWORD, 'lemon orbit candle', T0 + HOUR + 6);
    expect(changed).toEqual({ ok: true, sessionsEnded: 1 });
    expect(resolveSession(f.users, b.session.id, T0 + HOUR + 7)).toBeUndefined();
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 8 }))).ok).toBe(false);
    expect((await logIn(f.team, attempt({ password: 'lemon orbit candle', now: T0 + HOUR + 9 }))).ok).toBe(true);
  });

  it('ends the sessions of a removed user and refuses their log-in', async () => {
    await withUser();
    await activeUser(f, 'root@example.com', 'admin', 'lemon orbit candle');
    const r = await logIn(f.team, attempt());
    if (!r.ok) throw new Error('log-in refused');
    await f.team.remove('v@example.com', { actor: 'root@example.com', now: T0 + HOUR + 1 });
    expect(resolveSession(f.users, r.session.id, T0 + HOUR + 2)).toBeUndefined();
    expect(revokeSession(f.users, r.session.id, T0 + HOUR + 3)).toBe(false);
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 4 }))).ok).toBe(false);
  });

  it('re-hashes a password made with weaker parameters at the next log-in, without ending sessions', async () => {
    await withUser();
    const user = f.users.userByEmail('v@example.com')!;
    f.users.setPassword(user.id, await hashPassword(PASSWORD, { logN: 8, r: 8, p: 1 }), user.passwordChangedAt!);
    const r = await logIn(f.team, attempt());
    expect(r.ok).toBe(true);
    const stored = f.users.userByEmail('v@example.com')!.passwordHash!;
    expect(needsRehash(stored, FAST_KDF)).toBe(false);
    expect(stored).toMatch(/^\$scrypt\$ln=10,/);
    if (r.ok) expect(resolveSession(f.users, r.session.id, T0 + HOUR + 1)).toBeDefined();
  });
  it('prunes sessions and links that ended before a time, keeping live ones', async () => {
    await withUser();
    const live = await logIn(f.team, attempt());
    const gone = await logIn(f.team, attempt());
    if (!live.ok || !gone.ok) throw new Error('log-in refused');
    logOut(f.team, gone.session.id, T0 + HOUR + 5);
    const removed = f.users.prune(T0 + HOUR + 10);
    expect(removed).toBeGreaterThanOrEqual(2); // the ended session and the used invitation link
    expect(f.users.session(sha256Hex(gone.session.id))).toBeUndefined();
    expect(resolveSession(f.users, live.session.id, T0 + HOUR + 20)).toBeDefined();
  });
});

describe('log-in rate limiting', () => {
  it('locks an account after 5 failures in 15 minutes, even for the right password, and says for how long', async () => {
    await withUser();
    const events: RequestEvent[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await logIn(f.team, attempt({ password: `wrong guess ${i}`, now: T0 + HOUR + i * 1000 }), (e) =>
        events.push(e),
      );
      expect(r).toEqual({ ok: false, reason: 'invalid' });
    }
    const locked = await logIn(f.team, attempt({ now: T0 + HOUR + 10_000 }), (e) => events.push(e));
    expect(locked).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 15 * 60 - 6 });
    expect(events.map((e) => e.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(events[0]).toMatchObject({
      ts: T0 + HOUR,
      ip: '198.51.100.7',
      method: 'POST',
      path: '/api/v1/session',
      status: 401,
      userAgent: 'Mozilla/5.0 test',
      user: 'v@example.com',
    });
    // A different account from another address is not affected.
    expect((await logIn(f.team, attempt({ email: 'w@example.com', address: '203.0.113.1' }))).ok).toBe(false);
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 4000 + 15 * 60_000 }))).ok).toBe(true);
  });

  it('does not reset the failure window when failures are spread, but forgets failures older than the window', async () => {
    await withUser();
    for (let i = 0; i < 4; i++) await logIn(f.team, attempt({ password: 'wrong guess', now: T0 + HOUR + i }));
    const later = T0 + HOUR + 15 * 60_000;
    expect((await logIn(f.team, attempt({ password: 'wrong guess', now: later }))).ok).toBe(false);
    expect((await logIn(f.team, attempt({ now: later + 1 }))).ok).toBe(true);
  });

  it('keeps the lock-out across a restart and doubles it on the next one', async () => {
    await withUser();
    let now = T0 + HOUR;
    for (let i = 0; i < 5; i++) await logIn(f.team, attempt({ password: 'wrong guess', now: now++ }));
    f = await f.reopen();
    const r = await logIn(f.team, attempt({ now }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('locked');
    now = T0 + HOUR + 15 * 60_000 + 10;
    for (let i = 0; i < 5; i++) await logIn(f.team, attempt({ password: 'wrong guess', now: now++ }));
    const second = await logIn(f.team, attempt({ now }));
    expect(second).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 30 * 60 });
  });

  it('clears the account counter on success, and the CLI-style unlock clears a lock-out', async () => {
    await withUser();
    for (let i = 0; i < 4; i++) await logIn(f.team, attempt({ password: 'wrong guess', now: T0 + HOUR + i }));
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 10 }))).ok).toBe(true);
    for (let i = 0; i < 4; i++) await logIn(f.team, attempt({ password: 'wrong guess', now: T0 + HOUR + 20 + i }));
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 30 }))).ok).toBe(true);
    for (let i = 0; i < 5; i++) await logIn(f.team, attempt({ password: 'wrong guess', now: T0 + HOUR + 40 + i }));
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 50 }))).ok).toBe(false);
    f.team.store.clearAttempt('account:v@example.com');
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 60 }))).ok).toBe(true);
  });

  it('locks an address after 20 failures across many accounts, counting IPv6 per /64', async () => {
    await withUser();
    for (let i = 0; i < 20; i++)
      await logIn(
        f.team,
        attempt({ email: `guess${i}@example.com`, address: `2001:db8:1:2::${i + 1}`, now: T0 + HOUR + i }),
      );
    const r = await logIn(f.team, attempt({ address: '2001:db8:1:2:ffff::9', now: T0 + HOUR + 100 }));
    expect(!r.ok && r.reason).toBe('locked');
    expect((await logIn(f.team, attempt({ address: '2001:db8:1:3::1', now: T0 + HOUR + 101 }))).ok).toBe(true);
  });

  it('answers busy (503 event) instead of queueing when too many password checks run at once', async () => {
    f = openTeamFixture({ maxConcurrentLogins: 2 });
    await activeUser(f, 'v@example.com', 'viewer', PASSWORD);
    const events: RequestEvent[] = [];
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => logIn(f.team, attempt({ now: T0 + HOUR + i }), (e) => events.push(e))),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['ok', 'ok', 'busy', 'busy']);
    expect(events.map((e) => e.status)).toEqual([503, 503]);
    expect(f.team.loginsInFlight).toBe(0);
    expect((await logIn(f.team, attempt({ now: T0 + HOUR + 10 }))).ok).toBe(true);
  });

  it('refuses a right password whose check finished after a parallel guess locked the account', async () => {
    await withUser();
    const now = T0 + HOUR;
    for (let i = 0; i < 4; i++) await logIn(f.team, attempt({ password: `wrong guess ${i}`, now }));
    const right = logIn(f.team, attempt({ now })); // passes the lock check, then waits for scrypt
    // Meanwhile a parallel wrong guess finishes and records the fifth failure.
    recordFailure(f.users, accountKey('v@example.com'), f.team.lock.accountFailures, now, f.team.lock);
    expect(await right).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('answers an unknown account like a wrong password, and audits both with address and user agent', async () => {
    await withUser();
    const unknown = await logIn(f.team, attempt({ email: 'nobody@example.com' }));
    const wrong = await logIn(f.team, attempt({ password: 'wrong guess' }));
    expect(unknown).toEqual(wrong);
    await logIn(f.team, attempt({ now: T0 + HOUR + 1 }));
    const logins = await f.state.audit.list({ action: 'login' });
    expect(logins.map((r) => [r.actor, r.reason])).toEqual([
      ['nobody@example.com', 'failed: unknown account'],
      ['v@example.com', 'failed: wrong password'],
      ['v@example.com', 'success'],
    ]);
    expect(logins[2]?.after).toEqual({ address: '198.51.100.7', userAgent: 'Mozilla/5.0 test' });
    expect(JSON.stringify(logins)).not.toContain('wrong guess');
    expect((await f.state.audit.verify()).ok).toBe(true);
  });
});
