import { makeRequestEvent, type RequestEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { FailedLoginFeed } from './failed-login-feed.js';

const event = (i: number) =>
  makeRequestEvent({ ts: 1_000 + i, ip: '192.0.2.1', method: 'POST', path: '/api/v1/session', status: 401 });

function feed(o: { live?: boolean; maxPending?: number } = {}) {
  const batches: (readonly RequestEvent[])[] = [];
  const counts: Record<string, number> = {};
  const f = new FailedLoginFeed({
    accept: async (events) => {
      batches.push(events);
    },
    onError: (err) => {
      throw err;
    },
    flushEveryMs: 60_000,
    ...(o.maxPending !== undefined ? { maxPending: o.maxPending } : {}),
    live: () => o.live ?? true,
    count: (outcome, n) => {
      counts[outcome] = (counts[outcome] ?? 0) + n;
    },
  });
  return { f, batches, counts };
}

describe('failed log-in feed', () => {
  it('stores refused log-ins in one batch, not one write each', async () => {
    const { f, batches, counts } = feed();
    for (let i = 0; i < 50; i++) f.push(event(i));
    expect(batches).toHaveLength(0);
    await f.flush();
    expect(batches.map((b) => b.length)).toEqual([50]);
    expect(counts).toEqual({ stored: 50 });
  });

  it('drops past its bound and skips everything while event time is not live', async () => {
    const full = feed({ maxPending: 10 });
    for (let i = 0; i < 15; i++) full.f.push(event(i));
    await full.f.flush();
    expect(full.counts).toEqual({ stored: 10, dropped: 5 });

    const historic = feed({ live: false });
    historic.f.push(event(1));
    await historic.f.flush();
    expect(historic.batches).toHaveLength(0);
    expect(historic.counts).toEqual({ skipped: 1 });
  });
});
