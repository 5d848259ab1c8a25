/**
 * The team: inviting users, accepting invitations, roles, removal and password resets, each audited in
 * the state store's hash-chained trail ('user_change'). Log-in lives in team-login.ts. Time comes in
 * through the ChangeContext; secrets (link tokens) are returned once and stored only hashed.
 * Links carry the token in the URL fragment (`#token=`) so it never reaches a server log or a Referer.
 */
import { randomBytes } from 'node:crypto';
import { RampartError } from '@rampart/core';
import type { AuditStore, ChangeContext } from '../store/contract/state-store.js';
import type { LockPolicy } from './login-limiter.js';
import { accountKey, DEFAULT_LOCK_POLICY } from './login-limiter.js';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './password-hash.js';
import { PASSWORD_PROBLEM_TEXT, passwordProblem } from './password-policy.js';
import { isRole, type Role } from './roles.js';
import { isSecretShaped, newSecret, sha256Hex } from './secrets.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './sessions.js';
import { invitationMail, type MailMessage, passwordResetMail, type SendMail } from './team-mail.js';
import type { LinkPurpose, LinkRecord, TeamStore, UserRecord } from './team-store.js';

export interface TeamOptions {
  readonly store: TeamStore;
  readonly audit: AuditStore;
  /**
   * Where the dashboard is, e.g. https://rampart.example.com (links are `<baseUrl>/invite#token=…`); a
   * function when it is only known later (the server's listening address).
   */
  readonly baseUrl: string | (() => string);
  /** Delivers invitation and reset e-mails; without it links are only returned (the CLI prints them). */
  readonly send?: SendMail | undefined;
  readonly kdf?: ScryptParams;
  readonly lock?: LockPolicy;
  readonly sessions?: SessionPolicy;
  /** Default 72 h. */
  readonly inviteTtlMs?: number;
  /** Default 1 h. */
  readonly resetTtlMs?: number;
  /** Password checks running at once before log-ins answer 'busy' (CPU bound on scrypt). Default 4. */
  readonly maxConcurrentLogins?: number;
}

/** A user as shown to people and written to the audit trail: never the password hash. */
export interface PublicUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly status: 'invited' | 'active' | 'removed';
  readonly createdAt: number;
}

export interface IssuedLink {
  readonly user: PublicUser;
  /** Shown once; only its hash is stored. */
  readonly token: string;
  readonly link: string;
  readonly expiresAt: number;
  /** Whether `send` delivered the e-mail; the error text when it failed (the link stays valid). */
  readonly mailed: boolean;
  readonly mailError?: string;
}

export const publicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  email: u.email,
  role: u.role,
  status: u.removedAt !== undefined ? 'removed' : u.passwordHash === undefined ? 'invited' : 'active',
  createdAt: u.createdAt,
});

const EMAIL = /^[^\s@<>()",;]{1,64}@[^\s@<>()",;]{1,190}\.[^\s@<>()",;.]{2,63}$/;

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e))
    throw new RampartError('INVALID_ARGUMENT', `not an e-mail address: ${JSON.stringify(email.slice(0, 80))}`);
  return e;
}

export class Team {
  readonly store: TeamStore;
  readonly audit: AuditStore;
  readonly kdf: ScryptParams;
  readonly lock: LockPolicy;
  readonly sessionPolicy: SessionPolicy;
  readonly maxConcurrentLogins: number;
  /** Maintained by team-login.ts. */
  loginsInFlight = 0;
  private readonly o: TeamOptions;

  constructor(options: TeamOptions) {
    this.o = options;
    this.store = options.store;
    this.audit = options.audit;
    this.kdf = options.kdf ?? DEFAULT_SCRYPT;
    this.lock = options.lock ?? DEFAULT_LOCK_POLICY;
    this.sessionPolicy = options.sessions ?? DEFAULT_SESSION_POLICY;
    this.maxConcurrentLogins = options.maxConcurrentLogins ?? 4;
  }

  list(includeRemoved = false): PublicUser[] {
    return this.store.listUsers(includeRemoved).map(publicUser);
  }

  /** The active user with this e-mail, or NOT_FOUND. */
  user(email: string): UserRecord {
    const u = this.store.userByEmail(normalizeEmail(email));
    if (!u) throw new RampartError('NOT_FOUND', `no user ${JSON.stringify(email.slice(0, 80))}`);
    return u;
  }

  /**
   * Invites `email` with `role`: creates the user (status 'invited') and a single-use link. Inviting an
   * invited user again replaces the link (the old one stops working) and sets the role given now.
   */
  async invite(email: string, role: string, ctx: ChangeContext): Promise<IssuedLink> {
    if (!isRole(role)) throw new RampartError('INVALID_ARGUMENT', `role must be admin, billing or viewer`);
    const address = normalizeEmail(email);
    let user = this.store.userByEmail(address);
    if (user?.passwordHash !== undefined) throw new RampartError('CONFLICT', `${address} is already a user`);
    if (!user) {
      user = {
        id: `u_${randomBytes(6).toString('hex')}`,
        email: address,
        role,
        passwordHash: undefined,
        createdAt: ctx.now,
        passwordChangedAt: undefined,
        removedAt: undefined,
      };
      this.store.insertUser(user);
      await this.record(user.id, 'created', null, publicUser(user), ctx);
    } else if (user.role !== role) {
      await this.setRole(address, role, ctx);
      user = { ...user, role };
    }
    const ttl = this.o.inviteTtlMs ?? 72 * 3_600_000;
    const issued = this.issue(user, 'invite', ttl, ctx.now);
    await this.audit.append(
      {
        action: 'user_change',
        entityKind: 'invitation',
        entityId: user.id,
        reason: 'invitation created',
        before: null,
        after: { email: user.email, role, expiresAt: issued.expiresAt },
      },
      ctx,
    );
    return this.deliver(
      issued,
      invitationMail({ to: user.email, role, invitedBy: ctx.actor, link: issued.link, validMs: ttl }),
    );
  }

  /** Sets the password of an invited user through the invitation token; the link is used up. */
  async acceptInvitation(token: unknown, password: string, now: number): Promise<PublicUser> {
    const { user } = await this.redeem(token, 'invite', password, now);
    await this.record(user.id, 'invitation accepted', null, publicUser(user), { actor: user.email, now });
    return publicUser(user);
  }

  async setRole(email: string, role: string, ctx: ChangeContext): Promise<PublicUser> {
    if (!isRole(role)) throw new RampartError('INVALID_ARGUMENT', `role must be admin, billing or viewer`);
    const user = this.user(email);
    if (user.role === role) return publicUser(user);
    if (user.role === 'admin') this.keepAnAdmin(user);
    this.store.setRole(user.id, role);
    const after = { ...user, role };
    await this.record(user.id, 'role changed', publicUser(user), publicUser(after), ctx);
    return publicUser(after);
  }

  /** Removes a user: their sessions end and open links stop working; the row stays as history. */
  async remove(email: string, ctx: ChangeContext): Promise<PublicUser> {
    const user = this.user(email);
    if (user.role === 'admin') this.keepAnAdmin(user);
    this.store.markRemoved(user.id, ctx.now);
    const after = { ...user, removedAt: ctx.now };
    await this.record(user.id, 'removed', publicUser(user), publicUser(after), ctx);
    return publicUser(after);
  }

  /** Clears the log-in lock-out of an account (an admin vouches for the person); audited. */
  async unlock(email: string, ctx: ChangeContext): Promise<PublicUser> {
    const user = this.user(email);
    this.store.clearAttempt(accountKey(user.email));
    await this.record(user.id, 'log-in lock-out cleared', null, publicUser(user), ctx);
    return publicUser(user);
  }

  /**
   * Sends a reset link to an active user. Unknown addresses get the same answer (undefined) so the
   * form does not tell who has an account; the caller should rate-limit it per address.
   */
  async requestPasswordReset(email: string, now: number): Promise<IssuedLink | undefined> {
    let address: string;
    try {
      address = normalizeEmail(email);
    } catch {
      return undefined;
    }
    const user = this.store.userByEmail(address);
    if (!user || user.passwordHash === undefined) return undefined;
    const ttl = this.o.resetTtlMs ?? 3_600_000;
    const issued = this.issue(user, 'reset', ttl, now);
    await this.audit.append(
      {
        action: 'user_change',
        entityKind: 'user',
        entityId: user.id,
        reason: 'password reset requested',
        before: null,
        after: { email: user.email, expiresAt: issued.expiresAt },
      },
      { actor: user.email, now },
    );
    return this.deliver(issued, passwordResetMail({ to: user.email, link: issued.link, validMs: ttl }));
  }

  /** Sets a new password through a reset token; every session of the user ends. */
  async resetPassword(token: unknown, password: string, now: number): Promise<PublicUser> {
    const { user, ended } = await this.redeem(token, 'reset', password, now);
    await this.record(
      user.id,
      'password reset',
      null,
      { ...publicUser(user), sessionsEnded: ended },
      {
        actor: user.email,
        now,
      },
    );
    return publicUser(user);
  }

  /** Hashes and stores a new password after the policy check; ends every session of the user. */
  async setPassword(user: UserRecord, password: string, now: number): Promise<{ user: UserRecord; ended: number }> {
    const problem = passwordProblem(password, user.email);
    if (problem) throw new RampartError('INVALID_ARGUMENT', PASSWORD_PROBLEM_TEXT[problem]);
    const hash = await hashPassword(password, this.kdf);
    this.store.setPassword(user.id, hash, now);
    const ended = this.store.revokeUserSessions(user.id, now);
    return { user: { ...user, passwordHash: hash, passwordChangedAt: now }, ended };
  }

  private async redeem(token: unknown, purpose: LinkPurpose, password: string, now: number) {
    const invalid = new RampartError('NOT_FOUND', 'this link is not valid: it was used, replaced or has expired');
    if (!isSecretShaped(token)) throw invalid;
    const hash = sha256Hex(token);
    const link = this.store.linkByHash(hash);
    const user = link && this.store.userById(link.userId);
    if (!link || link.purpose !== purpose || link.usedAt !== undefined || link.expiresAt <= now) throw invalid;
    if (!user || user.removedAt !== undefined) throw invalid;
    // Check the password before using the link up, so a refused password does not burn it.
    const problem = passwordProblem(password, user.email);
    if (problem) throw new RampartError('INVALID_ARGUMENT', PASSWORD_PROBLEM_TEXT[problem]);
    if (!this.store.consumeLink(hash, purpose, now)) throw invalid;
    return this.setPassword(user, password, now);
  }

  private issue(user: UserRecord, purpose: LinkPurpose, ttlMs: number, now: number) {
    const token = newSecret();
    const link: LinkRecord = {
      hash: sha256Hex(token),
      purpose,
      userId: user.id,
      createdAt: now,
      expiresAt: now + ttlMs,
      usedAt: undefined,
    };
    this.store.insertLink(link);
    const page = purpose === 'invite' ? 'invite' : 'reset-password';
    const base = typeof this.o.baseUrl === 'function' ? this.o.baseUrl() : this.o.baseUrl;
    const url = `${base.replace(/\/+$/, '')}/${page}#token=${token}`;
    return { user: publicUser(user), token, link: url, expiresAt: link.expiresAt };
  }

  private async deliver(issued: Omit<IssuedLink, 'mailed'>, message: MailMessage): Promise<IssuedLink> {
    if (!this.o.send) return { ...issued, mailed: false };
    try {
      await this.o.send(message);
      return { ...issued, mailed: true };
    } catch (err) {
      return { ...issued, mailed: false, mailError: (err as Error).message ?? String(err) };
    }
  }

  /** Refuses to demote or remove the last active admin (nobody could manage users afterwards). */
  private keepAnAdmin(user: UserRecord): void {
    const admins = this.store.listUsers().filter((u) => u.role === 'admin' && u.passwordHash !== undefined);
    if (admins.length <= 1 && admins[0]?.id === user.id) {
      throw new RampartError('CONFLICT', `${user.email} is the last admin; make another admin first`);
    }
  }

  private async record(id: string, reason: string, before: unknown, after: unknown, ctx: ChangeContext) {
    await this.audit.append({ action: 'user_change', entityKind: 'user', entityId: id, reason, before, after }, ctx);
  }
}
