/**
 * The outbox survives a restart: a delivery that failed before the dispatcher stopped is retried by the
 * next one opened on the same state file, and a digest still collecting at shutdown is sent after it.
 * Emitting never waits for a channel, even one that does not answer.
 */
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../../packages/server/src/notify/dispatcher.js';
import type { StateStore } from '../../packages/server/src/store/contract/state-store.js';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { alertsConfig, openState, report, tempStatePath } from './alerts-fixture.js';

let receiver: TestHttpReceiver;
let store: StateStore;
afterEach(async () => {
  await receiver?.close();
  await store?.close();
});

/** A TCP server that accepts, reads and never answers: the worst webhook. */
async function startSilentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.resume();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('persistent alert outbox', () => {
  it('retries after a restart a delivery that failed before it', async () => {
    receiver = await startHttpReceiver();
    receiver.script([{ status: 503 }]);
    const path = tempStatePath();
    store = openState(path);
    const config = alertsConfig({
      channels: [{ id: 'hook', type: 'webhook', url: receiver.url }],
      retry: { baseSeconds: 0.4 },
    });
    const first = createAlertDispatcher(config, { stateStore: store });
    first.emit({ type: 'report.created', report: report('r1') });
    await receiver.waitFor(1);
    await first.idle();
    await first.close();
    expect(first.deliveryLog()[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503' });
    await store.close();

    store = openState(path);
    const second = createAlertDispatcher(config, { stateStore: store });
    await receiver.waitFor(2);
    await new Promise((r) => setTimeout(r, 100));
    await second.close();
    expect(second.deliveryLog()[0]).toMatchObject({ key: 'report:r1', status: 'delivered', attempts: 2 });
    expect(receiver.requests.map((r) => JSON.parse(r.body).id)).toEqual(['report:r1', 'report:r1']);
  });

  it('sends after a restart a digest that was still collecting at shutdown', async () => {
    receiver = await startHttpReceiver();
    const path = tempStatePath();
    store = openState(path);
    const config = alertsConfig({
      channels: [{ id: 'hook', type: 'webhook', url: receiver.url }],
      digest: { windowSeconds: 0.5, threshold: 1 },
    });
    const first = createAlertDispatcher(config, { stateStore: store });
    for (let i = 0; i < 4; i++) first.emit({ type: 'report.created', report: report(`r${i}`) });
    await first.idle();
    await first.close();
    await store.close();
    store = openState(path);
    const second = createAlertDispatcher(config, { stateStore: store });
    const reqs = await receiver.waitFor(2);
    await second.close();
    const digest = reqs.map((r) => JSON.parse(r.body)).find((b) => b.type === 'digest');
    expect(digest?.items.map((i: { key: string }) => i.key)).toEqual(['report:r1', 'report:r2', 'report:r3']);
  });

  it('returns from emit at once while the channel hangs, and keeps the queue bounded', async () => {
    const { port, close } = await startSilentServer();
    store = openState(':memory:');
    const d = createAlertDispatcher(
      alertsConfig({
        channels: [{ id: 'hook', type: 'webhook', url: `http://127.0.0.1:${port}/` }],
        queueLimit: 10,
        retry: { timeoutSeconds: 0.3 },
      }),
      { stateStore: store },
    );
    const reports = Array.from({ length: 1000 }, (_, i) => report(`r${i}`));
    // emit is synchronous: all 1000 calls return before the hanging channel could have answered anything.
    for (const r of reports) expect(d.emit({ type: 'report.created', report: r })).toBeUndefined();
    expect(d.counters()).toMatchObject({ emitted: 1000, dropped: 990, delivered: 0 });
    await d.close();
    await close();
  });

  it('gives up on a receiver that accepts the connection and never answers, after the timeout', async () => {
    const { port, close } = await startSilentServer();
    store = openState(':memory:');
    const d = createAlertDispatcher(
      alertsConfig({
        channels: [{ id: 'hook', type: 'webhook', url: `http://127.0.0.1:${port}/` }],
        retry: { timeoutSeconds: 0.2, maxAttempts: 1 },
      }),
      { stateStore: store },
    );
    d.emit({ type: 'report.created', report: report('r1') });
    const end = Date.now() + 5000;
    while (d.deliveryLog()[0]?.status !== 'failed' && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await d.close();
    expect(d.deliveryLog()[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'timed out after 200 ms' });
    await close();
  });
});
