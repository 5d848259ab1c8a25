/**
 * Bursts and limits with a real receiver: 20 reports within a second become the first few messages and
 * one digest, per-channel filters keep a channel quiet, and the rate limit defers (never drops) what is
 * over the budget.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../../packages/server/src/notify/dispatcher.js';
import type { StateStore } from '../../packages/server/src/store/contract/state-store.js';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { alertsConfig, finding, openState, report, tempStatePath } from './alerts-fixture.js';

const receivers: TestHttpReceiver[] = [];
let store: StateStore;
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
  await store?.close();
});

describe('digests, filters and rate limits', () => {
  it('turns 20 reports in a second into 3 single messages and 1 digest listing the other 17', async () => {
    const hook = await startHttpReceiver();
    receivers.push(hook);
    store = openState(tempStatePath());
    const d = createAlertDispatcher(
      alertsConfig({
        channels: [{ id: 'hook', type: 'webhook', url: hook.url }],
        digest: { windowSeconds: 1, threshold: 3 },
      }),
      { stateStore: store },
    );
    for (let i = 0; i < 20; i++) d.emit({ type: 'report.created', report: report(`r${i}`) });
    const reqs = await hook.waitFor(4);
    await new Promise((r) => setTimeout(r, 300));
    await d.close();
    expect(hook.requests).toHaveLength(4);
    const bodies = reqs.map((r) => JSON.parse(r.body));
    expect(bodies.slice(0, 3).map((b) => b.id)).toEqual(['report:r0', 'report:r1', 'report:r2']);
    const digest = bodies[3];
    expect(digest.type).toBe('digest');
    expect(digest.title).toBe('Rampart digest: 17 alert(s) within 1 min');
    expect(digest.items).toHaveLength(17);
    expect(digest.items[0]).toMatchObject({ eventType: 'report.created', key: 'report:r3' });
    expect(digest.counts).toEqual([{ category: 'credential_stuffing', count: 17 }]);
    expect(d.counters()).toMatchObject({ emitted: 20, digested: 17, delivered: 4 });
  });

  it('applies per-channel filters: service, category, minimum score and event type', async () => {
    const all = await startHttpReceiver();
    const picky = await startHttpReceiver();
    receivers.push(all, picky);
    store = openState(tempStatePath());
    const d = createAlertDispatcher(
      alertsConfig({
        channels: [
          { id: 'all', type: 'webhook', url: all.url },
          {
            id: 'picky',
            type: 'webhook',
            url: picky.url,
            filters: { services: ['api'], categories: ['scanning'], minScore: 0.8, events: ['report.created'] },
          },
        ],
      }),
      { stateStore: store },
    );
    d.emit({
      type: 'report.created',
      report: report('low', [finding('a', '198.51.100.1', { category: 'scanning', score: 0.5 })]),
    });
    d.emit({ type: 'report.created', report: report('wrongcat', [finding('b', '198.51.100.2')]) });
    d.emit({
      type: 'report.created',
      report: report('mixed', [
        finding('c', '198.51.100.3', { category: 'scanning', score: 0.9 }),
        finding('d', '198.51.100.4'),
      ]),
    });
    d.emit({
      type: 'traffic.spike',
      service: 'api',
      metric: 'errors',
      rate: 900,
      baseline: 20,
      at: Date.UTC(2026, 0, 10),
    });
    await all.waitFor(4);
    await picky.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    await d.close();
    expect(picky.requests).toHaveLength(1);
    const body = JSON.parse(picky.requests[0]?.body ?? '{}');
    expect(body.id).toBe('report:mixed');
    // Only the finding that passes the filters is in the message.
    expect(body.totalFindings).toBe(1);
    expect(body.findings.map((f: { entity: string }) => f.entity)).toEqual(['ip 198.51.100.3']);
    expect(all.requests.map((r) => JSON.parse(r.body).type).sort()).toEqual([
      'report.created',
      'report.created',
      'report.created',
      'traffic.spike',
    ]);
  });

  it('defers deliveries over the per-channel rate limit instead of dropping them', async () => {
    const hook = await startHttpReceiver();
    receivers.push(hook);
    store = openState(tempStatePath());
    const d = createAlertDispatcher(
      alertsConfig({
        channels: [{ id: 'hook', type: 'webhook', url: hook.url }],
        rateLimit: { perMinute: 2 },
        digest: { threshold: 100 },
      }),
      { stateStore: store },
    );
    for (let i = 0; i < 3; i++) d.emit({ type: 'report.created', report: report(`r${i}`) });
    await hook.waitFor(2);
    await new Promise((r) => setTimeout(r, 300));
    await d.close();
    expect(hook.requests).toHaveLength(2);
    const waiting = d.deliveryLog().find((r) => r.status === 'pending');
    expect(waiting?.key).toBe('report:r2');
    // One token per 30 s at 2/min.
    expect((waiting?.nextAt ?? 0) - Date.now()).toBeGreaterThan(20_000);
  });
});
