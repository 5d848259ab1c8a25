/**
 * Random secrets for links and sessions: 32 random bytes in base64url (43 characters). They carry 256
 * bits, so storing a plain SHA-256 of them is enough (no guessing to slow down, unlike passwords).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Whether `text` has the shape of a secret made by `newSecret` (cheap filter before any lookup). */
export const isSecretShaped = (text: unknown): text is string => typeof text === 'string' && SECRET_PATTERN.test(text);

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Constant-time equality of two strings (false when lengths differ). */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
