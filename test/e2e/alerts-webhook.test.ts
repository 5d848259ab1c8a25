/**
 * Signed webhooks against a real HTTP receiver on loopback: signature and timestamp verified by the
 * receiver, one message per report, retries on 500 and 429 (Retry-After honoured), no retry on 400,
 * and the delivery log shows status, attempts and the last error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../../packages/server/src/notify/dispatcher.js';
import type { StateStore } from '../../packages/server/src/store/contract/state-store.js';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { alertsConfig, EVIL, finding, openState, report, tempStatePath } from './alerts-fixture.js';

const SECRET = 'test-secret-0123456789abcdef';
let receiver: TestHttpReceiver;
let store: StateStore;
afterEach(async () => {
  await receiver?.close();
  await store?.close();
});

const config = (url: string, retry: Record<string, number> = {}) =>
  alertsConfig({
    channels: [{ id: 'hook', type: 'webhook', url, secret: SECRET }],
    retry: { baseSeconds: 0.05, maxSeconds: 2, ...retry },
  });

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('signed webhook alerts', () => {
  it('posts a report.created JSON body the receiver verifies with HMAC-SHA256 over timestamp.body', async () => {
    receiver = await startHttpReceiver({ secret: SECRET });
    store = openState(tempStatePath());
    const d = createAlertDispatcher(config(receiver.url), { stateStore: store, publicUrl: 'https://rampart.example/' });
    d.emit({ type: 'report.created', report: report('r1') });
    const [req] = await receiver.waitFor(1);
    await d.close();
    expect(req?.signatureValid).toBe(true);
    expect(req?.headers['x-rampart-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(Number(req?.headers['x-rampart-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
    const body = JSON.parse(req?.body ?? '{}');
    expect(body).toMatchObject({
      version: 1,
      type: 'report.created',
      id: 'report:r1',
      service: 'api',
      link: 'https://rampart.example/reports/r1',
    });
    expect(body.findings[0]).toMatchObject({
      entity: 'ip 198.51.100.7',
      category: 'credential_stuffing',
      recommendation: 'ban ip 198.51.100.7',
    });
    expect(body.findings[0].summary).toContain(EVIL);
  });

  it('posts an automatic ban with the banned values, their expiry and the finding behind it', async () => {
    receiver = await startHttpReceiver({ secret: SECRET });
    store = openState(tempStatePath());
    const d = createAlertDispatcher(config(receiver.url), { stateStore: store, publicUrl: 'https://rampart.example' });
    const f = finding('f-ban', '198.51.100.7', { detector: 'brute_force', category: 'brute_force' });
    const ban = {
      id: 'b-1',
      value: '198.51.100.7',
      mode: 'ban' as const,
      expiresAt: Date.UTC(2026, 0, 10, 18),
      reason: 'auto',
    };
    d.emit({ type: 'ban.automatic', service: 'api', finding: f, bans: [ban] });
    d.emit({ type: 'ban.automatic', service: 'api', finding: f, bans: [ban] });
    const [req] = await receiver.waitFor(1);
    await d.idle();
    await d.close();
    expect(receiver.requests).toHaveLength(1);
    const body = JSON.parse(req?.body ?? '{}');
    expect(body).toMatchObject({
      type: 'ban.automatic',
      id: 'ban:b-1',
      title: 'Automatic ban on api: 198.51.100.7',
      link: 'https://rampart.example/bans',
    });
    expect(body.facts).toContainEqual({ label: 'Banned', value: '198.51.100.7 until 2026-01-10T18:00:00.000Z' });
    expect(body.facts).toContainEqual({ label: 'Detector', value: 'brute_force' });
  });

  it('a tampered body or a stale timestamp fails verification', async () => {
    const { signBody, verifySignature } = await import('../../packages/server/src/notify/webhook/webhook-signature.js');
    const now = 1_800_000_000;
    const sig = signBody(SECRET, now, '{"a":1}');
    expect(verifySignature(SECRET, { signature: sig, timestamp: String(now) }, '{"a":1}', now)).toBe(true);
    expect(verifySignature(SECRET, { signature: sig, timestamp: String(now) }, '{"a":2}', now)).toBe(false);
    expect(verifySignature(SECRET, { signature: sig, timestamp: String(now) }, '{"a":1}', now + 301)).toBe(false);
    expect(verifySignature('another-secret-value', { signature: sig, timestamp: String(now) }, '{"a":1}', now)).toBe(
      false,
    );
  });

  it('sends one message when the same report is emitted twice, even across a restart', async () => {
    receiver = await startHttpReceiver({ secret: SECRET });
    const path = tempStatePath();
    store = openState(path);
    const d = createAlertDispatcher(config(receiver.url), { stateStore: store });
    d.emit({ type: 'report.created', report: report('r1') });
    d.emit({ type: 'report.created', report: report('r1') });
    await receiver.waitFor(1);
    await d.idle();
    await d.close();
    await store.close();
    store = openState(path);
    const again = createAlertDispatcher(config(receiver.url), { stateStore: store });
    again.emit({ type: 'report.created', report: report('r1') });
    await again.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(again.counters().duplicates).toBe(1);
    await again.close();
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries after 500 and 429 (waiting the Retry-After seconds) and records the attempts', async () => {
    receiver = await startHttpReceiver({ secret: SECRET });
    receiver.script([
      { status: 500, body: 'boom' },
      { status: 429, headers: { 'retry-after': '1' } },
    ]);
    store = openState(tempStatePath());
    const d = createAlertDispatcher(config(receiver.url), { stateStore: store });
    d.emit({ type: 'report.created', report: report('r1') });
    const reqs = await receiver.waitFor(3);
    await until(() => d.deliveryLog()[0]?.status === 'delivered');
    await d.close();
    expect(reqs.map((r) => r.status)).toEqual([500, 429, 200]);
    expect(reqs.every((r) => r.signatureValid)).toBe(true);
    // Retry-After: 1 second between the 429 and the next attempt.
    const log = d.deliveryLog();
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 3, channel: 'hook', channelType: 'webhook' });
    expect(log[0]?.lastError).toContain('HTTP 429');
  });

  it('waits at least the Retry-After interval before retrying a 429', async () => {
    receiver = await startHttpReceiver();
    receiver.script([{ status: 429, headers: { 'retry-after': '1' } }]);
    store = openState(tempStatePath());
    const d = createAlertDispatcher(config(receiver.url), { stateStore: store });
    d.emit({ type: 'report.created', report: report('r1') });
    await receiver.waitFor(1);
    const first = Date.now();
    await receiver.waitFor(2);
    await d.close();
    expect(Date.now() - first).toBeGreaterThanOrEqual(900);
  });

  it('gives up at once on a 400 answer and after maxAttempts on repeated 503s', async () => {
    receiver = await startHttpReceiver();
    receiver.script([{ status: 400, body: 'bad payload' }, { status: 503 }, { status: 503 }]);
    store = openState(tempStatePath());
    const d = createAlertDispatcher(config(receiver.url, { maxAttempts: 2 }), { stateStore: store });
    d.emit({ type: 'report.created', report: report('r1') });
    d.emit({ type: 'report.created', report: report('r2') });
    await receiver.waitFor(3);
    await until(() => d.deliveryLog().every((r) => r.status === 'failed'));
    await d.close();
    const byKey = Object.fromEntries(d.deliveryLog().map((r) => [r.key, r]));
    expect(byKey['report:r1']).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 400: bad payload' });
    expect(byKey['report:r2']).toMatchObject({ status: 'failed', attempts: 2 });
    expect(d.counters()).toMatchObject({ failed: 2, retried: 1 });
  });
});
