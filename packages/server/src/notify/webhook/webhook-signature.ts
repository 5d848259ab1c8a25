/**
 * Signature of generic webhooks: `X-Rampart-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
 * with `X-Rampart-Timestamp: <unix seconds>`. Signing the timestamp with the body lets a receiver refuse
 * replays (check the timestamp is recent, then compare signatures in constant time, as verifySignature does).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Receiver side: true when the signature matches and the timestamp is within `toleranceSeconds` of now. */
export function verifySignature(
  secret: string,
  header: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!header.signature || !header.timestamp || !/^\d{1,12}$/.test(header.timestamp)) return false;
  const ts = Number(header.timestamp);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const want = Buffer.from(signBody(secret, ts, body));
  const got = Buffer.from(header.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
