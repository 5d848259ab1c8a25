/**
 * Server-side browser sessions. The id (32 random bytes) goes to the browser in a Secure, HttpOnly,
 * SameSite=Strict cookie and is stored only as its SHA-256. A session ends at its absolute expiry, after
 * `idleMs` without use, on log-out, when the user is removed, and when the password changes (every
 * session created before the change is refused, and the change also revokes them).
 * CSRF: each session has a random secret; the token the page sends in X-CSRF-Token is
 * HMAC-SHA256(secret, id hash), so it can be re-derived on every request and never stored on its own.
 */
import { createHmac } from 'node:crypto';
import { isSecretShaped, newSecret, sameText, sha256Hex } from './secrets.js';
import type { SessionRecord, TeamStore, UserRecord } from './team-store.js';

export const SESSION_COOKIE = 'rampart_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionPolicy {
  /** Absolute lifetime. Default 12 h. */
  readonly ttlMs: number;
  /** Ends after this long without a request. Default 2 h. */
  readonly idleMs: number;
  /** `lastSeenAt` is written at most this often (a write per request would be wasted fsyncs). */
  readonly touchEveryMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  ttlMs: 12 * 3_600_000,
  idleMs: 2 * 3_600_000,
  touchEveryMs: 60_000,
};

export interface NewSession {
  /** Goes into the cookie; never stored. */
  readonly id: string;
  readonly csrf: string;
  readonly expiresAt: number;
  readonly maxAgeSeconds: number;
}

export interface ResolvedSession {
  readonly session: SessionRecord;
  readonly user: UserRecord;
  readonly csrf: string;
}

export const csrfTokenOf = (s: Pick<SessionRecord, 'csrfSecret' | 'idHash'>): string =>
  createHmac('sha256', s.csrfSecret).update(s.idHash).digest('base64url');

/** Constant-time check of the X-CSRF-Token header value against the session's token. */
export function verifyCsrf(s: Pick<SessionRecord, 'csrfSecret' | 'idHash'>, sent: unknown): boolean {
  return typeof sent === 'string' && sent.length === 43 && sameText(sent, csrfTokenOf(s));
}

export function createSession(
  store: TeamStore,
  user: UserRecord,
  at: { now: number; address: string; userAgent: string },
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): NewSession {
  const id = newSecret();
  const record: SessionRecord = {
    idHash: sha256Hex(id),
    userId: user.id,
    csrfSecret: newSecret(),
    createdAt: at.now,
    expiresAt: at.now + policy.ttlMs,
    lastSeenAt: at.now,
    revokedAt: undefined,
    address: at.address.slice(0, 64),
    userAgent: at.userAgent.slice(0, 512),
  };
  store.insertSession(record);
  return { id, csrf: csrfTokenOf(record), expiresAt: record.expiresAt, maxAgeSeconds: Math.floor(policy.ttlMs / 1000) };
}

/** The live session and user behind a cookie value, or undefined (any malformed value included). */
export function resolveSession(
  store: TeamStore,
  id: unknown,
  now: number,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): ResolvedSession | undefined {
  if (!isSecretShaped(id)) return undefined;
  const session = store.session(sha256Hex(id));
  if (!session || session.revokedAt !== undefined) return undefined;
  if (now >= session.expiresAt || now - session.lastSeenAt >= policy.idleMs) return undefined;
  const user = store.userById(session.userId);
  if (!user || user.removedAt !== undefined) return undefined;
  if (user.passwordChangedAt !== undefined && session.createdAt < user.passwordChangedAt) return undefined;
  if (now - session.lastSeenAt >= policy.touchEveryMs) store.touchSession(session.idHash, now);
  return { session, user, csrf: csrfTokenOf(session) };
}

/** Ends the session behind a cookie value (log-out); false when there was no live one. */
export function revokeSession(store: TeamStore, id: unknown, now: number): boolean {
  return isSecretShaped(id) && store.revokeSession(sha256Hex(id), now);
}

/**
 * The Set-Cookie value. Secure always: browsers keep Secure cookies on https and on loopback
 * (http://127.0.0.1, http://localhost). `maxAgeSeconds` 0 clears the cookie (log-out).
 */
export function sessionCookie(value: string, maxAgeSeconds: number, name = SESSION_COOKIE): string {
  return `${name}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
}

export const clearSessionCookie = (name = SESSION_COOKIE): string => sessionCookie('', 0, name);

/** The session cookie's value from a Cookie header, if present and shaped like an id. */
export function sessionIdFromCookieHeader(header: unknown, name = SESSION_COOKIE): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return isSecretShaped(value) ? value : undefined;
    }
  }
  return undefined;
}
