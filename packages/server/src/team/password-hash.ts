/**
 * Password hashing with scrypt (memory-hard) from node:crypto, in PHC string form
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding) so the parameters travel with each hash
 * and can be raised later: `needsRehash` tells the log-in path to re-hash with the current ones.
 * Runs on libuv's thread pool (async scrypt), never blocking the event loop. Malformed stored hashes
 * verify as false, never throw.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/** N = 2^15, r = 8, p = 1: 32 MiB of memory and about 0.19 s of one core per hash on this 2-core machine. */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{16,128})$/;

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  // scrypt needs 128·N·r bytes; Node refuses above `maxmem` (default 32 MiB), so allow twice the need.
  const maxmem = 256 * N * params.r + 1024 * 1024;
  return new Promise((ok, fail) => {
    scrypt(password.normalize('NFKC'), salt, length, { N, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? fail(err) : ok(key),
    );
  });
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const m = PHC.exec(stored);
  if (!m) return undefined;
  const params = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.logN < 1 || params.logN > 22 || params.r < 1 || params.p < 1) return undefined;
  return { params, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

/** Constant-time check of `password` against a stored PHC string; false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length < KEY_BYTES) return false;
  try {
    const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with weaker parameters than `current` (re-hash on next log-in). */
export function needsRehash(stored: string, current: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { logN, r, p } = parsed.params;
  return logN < current.logN || r < current.r || p < current.p;
}
