import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, parseHash, verifyPassword } from './password-hash.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.js';

const FAST = { logN: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('uses scrypt with N=2^15, r=8, p=1 or stronger by default and stores the parameters with the hash', async () => {
    expect(2 ** DEFAULT_SCRYPT.logN).toBeGreaterThanOrEqual(32768);
    expect(DEFAULT_SCRYPT.r).toBeGreaterThanOrEqual(8);
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', h)).toBe(false);
  });

  it('salts each hash, so the same password hashes differently', async () => {
    const a = await hashPassword('same password here', FAST);
    const b = await hashPassword('same password here', FAST);
    expect(a).not.toBe(b);
    expect(parseHash(a)?.salt.equals(parseHash(b)?.salt ?? Buffer.alloc(0))).toBe(false);
  });

  it('verifies with the parameters stored in the hash and asks for a re-hash when they are weaker', async () => {
    const old = await hashPassword('an older password', FAST);
    expect(await verifyPassword('an older password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, FAST)).toBe(false);
  });

  it('treats malformed or tampered stored hashes as a failed check, never an exception', async () => {
    const h = await hashPassword('a fine password', FAST);
    for (const bad of [
      '',
      'plain',
      '$scrypt$ln=99,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      h.slice(0, -4),
    ])
      expect(await verifyPassword('a fine password', bad)).toBe(false);
    expect(await verifyPassword('a fine password', h.replace('ln=10', 'ln=11'))).toBe(false);
  });
});

describe('password policy', () => {
  it('refuses short, common and e-mail-derived passwords and accepts a long unusual one', () => {
    expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH - 1), 'x@example.com')).toBe('too_short');
    expect(passwordProblem('x'.repeat(300), 'x@example.com')).toBe('too_long');
    expect(passwordProblem('password123', 'x@example.com')).toBe('common');
    expect(passwordProblem('Qwertyuiop!!', 'x@example.com')).toBe('common');
    expect(passwordProblem('1234567890', 'x@example.com')).toBe('common');
    expect(passwordProblem('abababababab', 'x@example.com')).toBe('common');
    expect(passwordProblem('marguerite2024', 'marguerite@example.com')).toBe('contains_email');
    expect(passwordProblem('my marguerite@example.com', 'Marguerite@Example.com')).toBe('contains_email');
    expect(passwordProblem('violet tractor sings', 'x@example.com')).toBeUndefined();
  });

  it('counts characters, not bytes, for the minimum length', () => {
    expect(passwordProblem('ééééééééé', 'x@example.com')).toBe('too_short');
    expect(passwordProblem('éàüöäßçñøå', 'x@example.com')).toBeUndefined();
  });
});
