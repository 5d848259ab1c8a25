/**
 * What the team code needs from storage: users, one-time links (invitations and password resets),
 * log-in failure counters and server-side sessions. SQLite implements it (store/sqlite/sqlite-users.ts)
 * on the same `state.db` as the state store. Time is passed in; nothing here reads the clock.
 * Secrets (link tokens, session ids) reach the store only as SHA-256 hashes.
 */
import type { Role } from './roles.js';

export interface UserRecord {
  readonly id: string;
  /** Lower-case. */
  readonly email: string;
  readonly role: Role;
  /** PHC scrypt string; undefined until the invitation is accepted. */
  readonly passwordHash: string | undefined;
  readonly createdAt: number;
  readonly passwordChangedAt: number | undefined;
  readonly removedAt: number | undefined;
  /** Time of the last successful log-in; absent until the first one. */
  readonly lastLoginAt?: number | undefined;
}

export type LinkPurpose = 'invite' | 'reset';

export interface LinkRecord {
  readonly hash: string;
  readonly purpose: LinkPurpose;
  readonly userId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | undefined;
}

/** Failures of one key ('account:<email>' or 'address:<ip>') in the current window. */
export interface AttemptRecord {
  readonly key: string;
  readonly failures: number;
  readonly windowStart: number;
  readonly lockedUntil: number;
  /** How many lock-outs in a row (the exponent of the next one); reset by a success or a quiet day. */
  readonly lockouts: number;
}

export interface SessionRecord {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfSecret: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastSeenAt: number;
  readonly revokedAt: number | undefined;
  readonly address: string;
  readonly userAgent: string;
}

export interface TeamStore {
  insertUser(user: UserRecord): void;
  userById(id: string): UserRecord | undefined;
  /** The active (not removed) user with this e-mail. */
  userByEmail(email: string): UserRecord | undefined;
  /** Active users, oldest first; removed ones too when asked. */
  listUsers(includeRemoved?: boolean): UserRecord[];
  setRole(id: string, role: Role): void;
  setPassword(id: string, hash: string, now: number): void;
  markRemoved(id: string, now: number): void;
  setLastLogin(id: string, now: number): void;

  /** Stores a link and marks the user's earlier unused links of the same purpose used (superseded). */
  insertLink(link: LinkRecord): void;
  /** Atomically marks the link used when it is unused and unexpired; returns it, or undefined. */
  consumeLink(hash: string, purpose: LinkPurpose, now: number): LinkRecord | undefined;
  linkByHash(hash: string): LinkRecord | undefined;

  attempt(key: string): AttemptRecord | undefined;
  putAttempt(record: AttemptRecord): void;
  clearAttempt(key: string): void;

  insertSession(session: SessionRecord): void;
  session(idHash: string): SessionRecord | undefined;
  touchSession(idHash: string, now: number): void;
  revokeSession(idHash: string, now: number): boolean;
  /** Revokes every live session of a user; returns how many. */
  revokeUserSessions(userId: string, now: number): number;
  /** Deletes sessions and links that ended before `before` (they are not history worth keeping). */
  prune(before: number): number;
}
