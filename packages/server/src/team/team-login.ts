/**
 * Log-in with e-mail and password: refused while the account or the address is locked out, checked in
 * constant time against the scrypt hash (a dummy hash is checked for unknown accounts so timing does not
 * tell which exist), counted per account and per address on failure, audited ('login'), and each failure
 * handed to `onFailure` as a RequestEvent so Rampart's own detectors see brute force against it.
 * Bad input is a result, not an exception.
 */
import { makeRequestEvent, normalizeIp, type RequestEvent } from '@rampart/core';
import { accountKey, addressKey, lockedFor, recordFailure } from './login-limiter.js';
import { hashPassword, needsRehash, type ScryptParams, verifyPassword } from './password-hash.js';
import { createSession, type NewSession, revokeSession } from './sessions.js';
import { normalizeEmail, type PublicUser, publicUser, type Team } from './team.js';
import type { UserRecord } from './team-store.js';

export interface LoginAttempt {
  readonly email: string;
  readonly password: string;
  readonly address: string;
  readonly userAgent: string;
  readonly now: number;
}

export type LoginResult =
  | { readonly ok: true; readonly user: PublicUser; readonly session: NewSession }
  | { readonly ok: false; readonly reason: 'invalid' }
  /** Too many password checks in flight (each costs ~0.2 s of CPU): answer 503 and let the client retry. */
  | { readonly ok: false; readonly reason: 'busy' }
  | { readonly ok: false; readonly reason: 'locked'; readonly retryAfterSeconds: number };

export const LOGIN_PATH = '/api/v1/session';

/** The failed log-in as the request it was, for the detection pipeline. */
export function failedLoginEvent(a: LoginAttempt, status: number): RequestEvent {
  return makeRequestEvent({
    ts: a.now,
    ip: normalizeIp(a.address) ?? a.address,
    method: 'POST',
    path: LOGIN_PATH,
    status,
    userAgent: a.userAgent,
    protocol: 'HTTP/1.1',
    user: a.email.trim().toLowerCase().slice(0, 254) || undefined,
    source: 'rampart-login',
  });
}

/** One dummy hash per parameter set, so an unknown account costs the same check as a known one. */
const dummyHashes = new Map<string, Promise<string>>();
function dummyHash(kdf: ScryptParams): Promise<string> {
  const key = `${kdf.logN},${kdf.r},${kdf.p}`;
  const known = dummyHashes.get(key);
  if (known) return known;
  const made = hashPassword('not a password of anyone', kdf);
  dummyHashes.set(key, made);
  return made;
}

export async function logIn(
  team: Team,
  a: LoginAttempt,
  onFailure?: (event: RequestEvent) => void,
): Promise<LoginResult> {
  const email = a.email.trim().toLowerCase();
  const keys = [accountKey(email), addressKey(a.address)];
  const wait = lockedFor(team.store, keys, a.now);
  if (wait > 0) {
    onFailure?.(failedLoginEvent(a, 429));
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(wait / 1000) };
  }
  if (team.loginsInFlight >= team.maxConcurrentLogins) {
    onFailure?.(failedLoginEvent(a, 503));
    return { ok: false, reason: 'busy' };
  }
  team.loginsInFlight++;
  try {
    return await check(team, a, email, keys, onFailure);
  } finally {
    team.loginsInFlight--;
  }
}

async function check(
  team: Team,
  a: LoginAttempt,
  email: string,
  keys: readonly string[],
  onFailure: ((event: RequestEvent) => void) | undefined,
): Promise<LoginResult> {
  let user: UserRecord | undefined;
  try {
    user = team.store.userByEmail(normalizeEmail(email));
  } catch {
    user = undefined;
  }
  const stored = user?.passwordHash ?? (await dummyHash(team.kdf));
  const good = (await verifyPassword(a.password.slice(0, 1024), stored)) && user?.passwordHash !== undefined;
  if (!good || !user) {
    recordFailure(team.store, keys[0]!, team.lock.accountFailures, a.now, team.lock);
    recordFailure(team.store, keys[1]!, team.lock.addressFailures, a.now, team.lock);
    onFailure?.(failedLoginEvent(a, 401));
    await team.audit.append(
      {
        action: 'login',
        entityKind: 'user',
        entityId: user?.id ?? email.slice(0, 254),
        reason: user ? 'failed: wrong password' : 'failed: unknown account',
        before: null,
        after: { address: a.address.slice(0, 64), userAgent: a.userAgent.slice(0, 200) },
      },
      { actor: email.slice(0, 254) || 'anonymous', now: a.now },
    );
    return { ok: false, reason: 'invalid' };
  }
  // Concurrent guesses all pass the first lock check; one that locked the key while this check ran
  // wins, so parallel attempts cannot get past the limit with a lucky guess.
  const lockedNow = lockedFor(team.store, keys, a.now);
  if (lockedNow > 0) {
    onFailure?.(failedLoginEvent(a, 429));
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(lockedNow / 1000) };
  }
  team.store.clearAttempt(keys[0]!);
  if (needsRehash(user.passwordHash!, team.kdf)) {
    // Parameters were raised since this hash was made: store one with the current ones.
    team.store.setPassword(user.id, await hashPassword(a.password, team.kdf), user.passwordChangedAt ?? a.now);
  }
  const session = createSession(team.store, user, a, team.sessionPolicy);
  team.store.setLastLogin(user.id, a.now);
  await team.audit.append(
    {
      action: 'login',
      entityKind: 'user',
      entityId: user.id,
      reason: 'success',
      before: null,
      after: { address: a.address.slice(0, 64), userAgent: a.userAgent.slice(0, 200) },
    },
    { actor: user.email, now: a.now },
  );
  return { ok: true, user: publicUser(user), session };
}

/** Ends the session behind a cookie value. */
export function logOut(team: Team, sessionId: unknown, now: number): boolean {
  return revokeSession(team.store, sessionId, now);
}

/**
 * Changes a logged-in user's password after checking the current one; every session of the user ends
 * (the caller creates a fresh one for the browser that made the change).
 */
export async function changePassword(
  team: Team,
  user: UserRecord,
  current: string,
  next: string,
  now: number,
): Promise<{ ok: boolean; sessionsEnded: number }> {
  if (user.passwordHash === undefined || !(await verifyPassword(current.slice(0, 1024), user.passwordHash))) {
    return { ok: false, sessionsEnded: 0 };
  }
  const { ended } = await team.setPassword(user, next, now);
  await team.audit.append(
    {
      action: 'user_change',
      entityKind: 'user',
      entityId: user.id,
      reason: 'password changed',
      before: null,
      after: { ...publicUser(user), sessionsEnded: ended },
    },
    { actor: user.email, now },
  );
  return { ok: true, sessionsEnded: ended };
}
