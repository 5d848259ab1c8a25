/**
 * Invitations and password resets on a real state database: single use, expiry, replacement, the
 * password policy before the link is used up, the e-mails (plain text and escaped HTML), and the audit
 * records of every step in the hash-chained trail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../packages/server/src/team/password-hash.js';
import { sha256Hex } from '../../packages/server/src/team/secrets.js';
import { activeUser, cleanupTeamDirs, HOUR, openTeamFixture, T0, type TeamFixture, tokenOf } from './team-fixture.js';

let f: TeamFixture;
afterEach(async () => {
  await f?.close();
  cleanupTeamDirs();
});

describe('invitations', () => {
  it('creates an invited user, mails a link with the token in the fragment, and stores only its hash', async () => {
    f = openTeamFixture();
    const issued = await f.team.invite('  Viewer@Example.COM ', 'viewer', { actor: 'alice@example.com', now: T0 });
    expect(issued.user).toMatchObject({ email: 'viewer@example.com', role: 'viewer', status: 'invited' });
    expect(issued.link).toBe(`https://rampart.example.com/invite#token=${issued.token}`);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toBe(T0 + 72 * HOUR);
    expect(issued.mailed).toBe(true);
    const [mail] = f.outbox;
    expect(mail?.to).toBe('viewer@example.com');
    expect(mail?.text).toContain(issued.link);
    expect(mail?.text).toContain('alice@example.com invited you');
    expect(mail?.text).toContain('72 hours');
    expect(mail?.html).toContain('href="https://rampart.example.com/invite#token=');
    const link = f.users.linkByHash(sha256Hex(issued.token));
    expect(link?.purpose).toBe('invite');
    expect(f.users.linkByHash(issued.token)).toBeUndefined();
  });

  it('escapes the inviter name and role text in the HTML mail', async () => {
    f = openTeamFixture();
    await f.team.invite('v@example.com', 'viewer', { actor: '<script>x</script>"&', now: T0 });
    const html = f.outbox[0]?.html ?? '';
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;x&#60;/script&#62;&#34;&#38;');
  });

  it('accepts once: the password is set (scrypt), and the same link is refused afterwards', async () => {
    f = openTeamFixture();
    const issued = await f.team.invite('v@example.com', 'viewer', { actor: 'admin', now: T0 });
    const user = await f.team.acceptInvitation(tokenOf(issued.link), 'violet tractor sings', T0 + HOUR);
    expect(user.status).toBe('active');
    const stored = f.users.userByEmail('v@example.com')?.passwordHash ?? '';
    expect(stored).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(await verifyPassword('violet tractor sings', stored)).toBe(true);
    await expect(f.team.acceptInvitation(issued.token, 'another long phrase', T0 + HOUR)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses an expired invitation and a malformed token', async () => {
    f = openTeamFixture({ inviteTtlMs: 2 * HOUR });
    const issued = await f.team.invite('v@example.com', 'viewer', { actor: 'admin', now: T0 });
    await expect(f.team.acceptInvitation(issued.token, 'violet tractor sings', T0 + 2 * HOUR)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const bad of [undefined, 42, '', 'x'.repeat(43), `${issued.token}x`])
      await expect(f.team.acceptInvitation(bad, 'violet tractor sings', T0)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
  });

  it('checks the password before using the link up, so a refused password leaves the link valid', async () => {
    f = openTeamFixture();
    const issued = await f.team.invite('v@example.com', 'viewer', { actor: 'admin', now: T0 });
    await expect(f.team.acceptInvitation(issued.token, 'password123', T0)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('most common'),
    });
    await expect(f.team.acceptInvitation(issued.token, 'short', T0)).rejects.toThrow(/at least 10/);
    expect((await f.team.acceptInvitation(issued.token, 'violet tractor sings', T0)).status).toBe('active');
  });

  it('replaces the link when an invited user is invited again, and refuses inviting an active user', async () => {
    f = openTeamFixture();
    const first = await f.team.invite('v@example.com', 'viewer', { actor: 'admin', now: T0 });
    const second = await f.team.invite('v@example.com', 'billing', { actor: 'admin', now: T0 + 1 });
    expect(second.user.role).toBe('billing');
    await expect(f.team.acceptInvitation(first.token, 'violet tractor sings', T0 + 2)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await f.team.acceptInvitation(second.token, 'violet tractor sings', T0 + 2);
    await expect(f.team.invite('v@example.com', 'viewer', { actor: 'admin', now: T0 + 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(f.team.list()).toHaveLength(1);
  });

  it('refuses a bad e-mail address or role', async () => {
    f = openTeamFixture();
    for (const email of ['', 'no-at-sign', 'a@b', 'x y@example.com', `${'a'.repeat(250)}@example.com`])
      await expect(f.team.invite(email, 'viewer', { actor: 'admin', now: T0 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    await expect(f.team.invite('v@example.com', 'owner', { actor: 'admin', now: T0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('still returns the link when the e-mail cannot be sent', async () => {
    f = openTeamFixture({
      send: async () => {
        throw new Error('connection refused');
      },
    });
    const issued = await f.team.invite('v@example.com', 'viewer', { actor: 'admin', now: T0 });
    expect(issued).toMatchObject({ mailed: false, mailError: 'connection refused' });
    expect((await f.team.acceptInvitation(issued.token, 'violet tractor sings', T0)).status).toBe('active');
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends every session', async () => {
    f = openTeamFixture();
    await activeUser(f, 'v@example.com', 'viewer', 'violet tractor sings');
    const user = f.users.userByEmail('v@example.com')!;
    f.users.insertSession({
      idHash: 'h1',
      userId: user.id,
      csrfSecret: 's',
      createdAt: T0,
      expiresAt: T0 + 99 * HOUR,
      lastSeenAt: T0,
      revokedAt: undefined,
      address: '192.0.2.1',
      userAgent: 'ua',
    });
    const issued = await f.team.requestPasswordReset('V@example.com', T0 + HOUR);
    expect(issued?.link).toBe(`https://rampart.example.com/reset-password#token=${issued?.token}`);
    expect(issued?.expiresAt).toBe(T0 + 2 * HOUR);
    expect(f.outbox.at(-1)?.subject).toBe('Reset your Rampart password');
    await f.team.resetPassword(issued?.token, 'lemon orbit candle', T0 + HOUR + 5);
    const after = f.users.userByEmail('v@example.com')!;
    expect(await verifyPassword('lemon orbit candle', after.passwordHash!)).toBe(true);
    expect(f.users.session('h1')?.revokedAt).toBe(T0 + HOUR + 5);
    await expect(f.team.resetPassword(issued?.token, 'another long phrase', T0 + HOUR + 6)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('answers the same for unknown and invited-only addresses, and sends nothing', async () => {
    f = openTeamFixture();
    await f.team.invite('invited@example.com', 'viewer', { actor: 'admin', now: T0 });
    const before = f.outbox.length;
    expect(await f.team.requestPasswordReset('nobody@example.com', T0)).toBeUndefined();
    expect(await f.team.requestPasswordReset('invited@example.com', T0)).toBeUndefined();
    expect(await f.team.requestPasswordReset('not an address', T0)).toBeUndefined();
    expect(f.outbox.length).toBe(before);
  });

  it('refuses an expired reset link and an invitation token used as a reset token', async () => {
    f = openTeamFixture();
    await activeUser(f, 'v@example.com', 'viewer', 'violet tractor sings');
    const issued = await f.team.requestPasswordReset('v@example.com', T0);
    await expect(f.team.resetPassword(issued?.token, 'lemon orbit candle', T0 + HOUR)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const invite = await f.team.invite('w@example.com', 'viewer', { actor: 'admin', now: T0 });
    await expect(f.team.resetPassword(invite.token, 'lemon orbit candle', T0)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('roles, removal and the audit trail', () => {
  it('audits creation, invitation, acceptance, role change, reset and removal in a verifiable chain', async () => {
    f = openTeamFixture();
    await activeUser(f, 'root@example.com', 'admin', 'violet tractor sings');
    const issued = await f.team.invite('v@example.com', 'viewer', { actor: 'root@example.com', now: T0 + 10 });
    await f.team.acceptInvitation(issued.token, 'lemon orbit candle', T0 + 20);
    await f.team.setRole('v@example.com', 'billing', { actor: 'root@example.com', now: T0 + 30 });
    const reset = await f.team.requestPasswordReset('v@example.com', T0 + 40);
    await f.team.resetPassword(reset?.token, 'copper valley drums', T0 + 50);
    await f.team.remove('v@example.com', { actor: 'root@example.com', now: T0 + 60 });
    const id = issued.user.id;
    const records = await f.state.audit.list({ entityId: id });
    expect(records.map((r) => [r.actor, r.action, r.reason])).toEqual([
      ['root@example.com', 'user_change', 'created'],
      ['root@example.com', 'user_change', 'invitation created'],
      ['v@example.com', 'user_change', 'invitation accepted'],
      ['root@example.com', 'user_change', 'role changed'],
      ['v@example.com', 'user_change', 'password reset requested'],
      ['v@example.com', 'user_change', 'password reset'],
      ['root@example.com', 'user_change', 'removed'],
    ]);
    expect(records[3]?.before).toMatchObject({ role: 'viewer' });
    expect(records[3]?.after).toMatchObject({ role: 'billing' });
    expect(JSON.stringify(records)).not.toContain('$scrypt$');
    expect(JSON.stringify(records)).not.toContain(issued.token);
    expect((await f.state.audit.verify()).ok).toBe(true);
  });

  it('keeps a removed user as history, frees the address for a new invitation, and ends their links', async () => {
    f = openTeamFixture();
    await activeUser(f, 'root@example.com', 'admin', 'violet tractor sings');
    const issued = await f.team.invite('v@example.com', 'viewer', { actor: 'root', now: T0 });
    await f.team.remove('v@example.com', { actor: 'root', now: T0 + 1 });
    await expect(f.team.acceptInvitation(issued.token, 'lemon orbit candle', T0 + 2)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(f.team.list().map((u) => u.email)).toEqual(['root@example.com']);
    expect(f.team.list(true).find((u) => u.email === 'v@example.com')?.status).toBe('removed');
    const again = await f.team.invite('v@example.com', 'viewer', { actor: 'root', now: T0 + 3 });
    expect(again.user.id).not.toBe(issued.user.id);
  });

  it('refuses to demote or remove the last admin', async () => {
    f = openTeamFixture();
    await activeUser(f, 'root@example.com', 'admin', 'violet tractor sings');
    await expect(f.team.setRole('root@example.com', 'viewer', { actor: 'x', now: T0 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(f.team.remove('root@example.com', { actor: 'x', now: T0 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await activeUser(f, 'second@example.com', 'admin', 'lemon orbit candle');
    expect((await f.team.setRole('root@example.com', 'viewer', { actor: 'x', now: T0 + 5 })).role).toBe('viewer');
  });
});
