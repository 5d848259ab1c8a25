import {
  configFromObject,
  createDetectionEngine,
  createEnricher,
  type EnrichedEvent,
  makeRequestEvent,
  RampartError,
} from '@rampart/core';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../store/contract/event-store.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { EventClock } from './event-clock.js';
import { IngestPipeline } from './ingest-pipeline.js';

const ev = (i: number) =>
  makeRequestEvent({
    ts: 1_795_000_000_000 + i * 1000,
    ip: `192.0.2.${i % 250}`,
    method: 'GET',
    host: 'a.example',
    path: `/p/${i}`,
    query: '',
    status: 200,
    bytes: 1,
    referer: '',
    userAgent: 'curl/8',
    protocol: 'HTTP/1.1',
    source: 't',
    line: i,
    raw: '',
  });

/** An event store whose appends complete only when the test says so. */
function heldStore() {
  const held: { events: readonly EnrichedEvent[]; done: () => void }[] = [];
  const store = {
    append: (events: readonly EnrichedEvent[]) =>
      new Promise<number>((resolve) => held.push({ events, done: () => resolve(events.length) })),
  } as unknown as EventStore;
  return { store, held };
}

function pipeline(store: EventStore, max: number) {
  const config = configFromObject({});
  const engine = createDetectionEngine(config.detect);
  const p = new IngestPipeline({
    events: store,
    enricher: createEnricher(config.enrich, { crawlerVerifier: false }),
    engine,
    clock: new EventClock(),
    metrics: new MetricsRegistry(),
    maxInFlightEvents: max,
    now: () => 0,
  });
  return { p, engine };
}

describe('IngestPipeline', () => {
  it('refuses with OVERLOADED once the events in flight would pass the bound, and accepts again after', async () => {
    const { store, held } = heldStore();
    const { p } = pipeline(store, 150);
    p.open = true;
    const first = p.accept([ev(1), ...Array.from({ length: 99 }, (_, i) => ev(i + 2))]);
    await expect(p.accept(Array.from({ length: 60 }, (_, i) => ev(i)))).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(p.pending).toBe(100);
    held[0]!.done();
    await first;
    expect(p.pending).toBe(0);
    const second = p.accept(Array.from({ length: 60 }, (_, i) => ev(i)));
    held[1]!.done();
    await second;
  });

  it('hands events to detection only after they are durable', async () => {
    const { store, held } = heldStore();
    const { p, engine } = pipeline(store, 1000);
    p.open = true;
    const done = p.accept([ev(1), ev(2)]);
    await Promise.resolve();
    expect(engine.stats().observed).toBe(0);
    held[0]!.done();
    await done;
    expect(engine.stats().observed).toBe(2);
  });

  it('refuses ingest while closed (windows being rebuilt) but lets a replay through', async () => {
    const { store, held } = heldStore();
    const { p } = pipeline(store, 1000);
    const err = await p.accept([ev(1)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RampartError);
    expect((err as RampartError).message).toMatch(/starting/);
    const replay = p.accept([ev(1)], 'replay', false);
    held[0]!.done();
    await replay;
  });
});
