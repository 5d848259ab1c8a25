/**
 * Log-in rate limiting per account and per address, counted in the store so a restart does not reset
 * it. A key collects failures in a window (15 min); reaching its limit (5 per account, 20 per address)
 * locks it for `baseLockMs · 2^lockouts` (15 min, 30 min, 1 h … capped at 24 h), and the count of
 * lock-outs in a row is forgotten after a quiet `maxLockMs`. A successful log-in clears the account's
 * key, not the address's (one valid account must not reset an attacker's address budget).
 * IPv6 addresses count per /64: one host usually holds a whole /64.
 */
import { normalizeIp, subnetOf } from '@rampart/core';
import type { AttemptRecord, TeamStore } from './team-store.js';

export interface LockPolicy {
  readonly windowMs: number;
  readonly accountFailures: number;
  readonly addressFailures: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
}

export const DEFAULT_LOCK_POLICY: LockPolicy = {
  windowMs: 15 * 60_000,
  accountFailures: 5,
  addressFailures: 20,
  baseLockMs: 15 * 60_000,
  maxLockMs: 24 * 3_600_000,
};

export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;

export function addressKey(address: string): string {
  const ip = normalizeIp(address);
  if (ip === undefined) return `address:${address.slice(0, 64)}`;
  return `address:${ip.includes(':') ? (subnetOf(ip) ?? ip) : ip}`;
}

/** Milliseconds until every one of `keys` is unlocked; 0 when none is locked. */
export function lockedFor(store: TeamStore, keys: readonly string[], now: number): number {
  let wait = 0;
  for (const key of keys) {
    const a = store.attempt(key);
    if (a && a.lockedUntil > now) wait = Math.max(wait, a.lockedUntil - now);
  }
  return wait;
}

/** Counts one failure against `key`; returns the updated record (locked when the limit was reached). */
export function recordFailure(
  store: TeamStore,
  key: string,
  limit: number,
  now: number,
  policy: LockPolicy = DEFAULT_LOCK_POLICY,
): AttemptRecord {
  const prev = store.attempt(key);
  const quiet = !prev || now - Math.max(prev.lockedUntil, prev.windowStart) >= policy.maxLockMs;
  const fresh = !prev || now - prev.windowStart >= policy.windowMs;
  let next: AttemptRecord = {
    key,
    failures: (fresh ? 0 : prev.failures) + 1,
    windowStart: fresh ? now : prev.windowStart,
    lockedUntil: prev?.lockedUntil ?? 0,
    lockouts: quiet ? 0 : prev.lockouts,
  };
  if (next.failures >= limit) {
    const lockMs = Math.min(policy.baseLockMs * 2 ** Math.min(next.lockouts, 30), policy.maxLockMs);
    next = { key, failures: 0, windowStart: now, lockedUntil: now + lockMs, lockouts: next.lockouts + 1 };
  }
  store.putAttempt(next);
  return next;
}
