/**
 * The contract every event-store backend must pass. Call `runEventStoreContract` from a backend's test
 * file with a factory for a fresh, empty store (and, for file-backed stores, a way to reopen it).
 */
import { type EnrichedEvent, makeRequestEvent, type NetworkType, subnetOf } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.js';
import { referenceCases } from './event-store-reference.cases.js';

export interface EventStoreHarness {
  /** A fresh, empty store. */
  open(): Promise<EventStore>;
  /** Reopens the store last opened (file-backed backends); undefined when not persistent. */
  reopen?: () => Promise<EventStore>;
}

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

export function testEvent(
  i: number,
  over: Partial<{
    ip: string;
    ts: number;
    path: string;
    status: number;
    country: string;
    asn: number;
    host: string;
    bytes: number;
    networkType: NetworkType;
  }> = {},
): EnrichedEvent {
  const ip = over.ip ?? `203.0.113.${i % 250}`;
  const req = makeRequestEvent({
    ts: over.ts ?? T0 + i * 1000,
    ip,
    method: 'GET',
    host: over.host ?? 'shop.example',
    path: over.path ?? `/products/${i}`,
    query: i % 2 ? 'page=2' : '',
    status: over.status ?? 200,
    bytes: over.bytes ?? 1000,
    userAgent: 'Mozilla/5.0 test',
    source: 'contract',
    line: i + 1,
  });
  return {
    req,
    net: {
      ip,
      version: ip.includes(':') ? 6 : 4,
      scope: 'public',
      asn: over.asn ?? 64500,
      org: 'Example Net',
      prefix: undefined,
      country: over.country ?? 'DE',
      networkType: over.networkType ?? 'residential',
      sources: {},
    },
    ua: { class: 'browser', family: 'Chrome', major: 140, crawler: undefined },
    crawler: undefined,
    client: ip,
    subnet: subnetOf(ip) ?? ip,
    service: 'shop',
  };
}

/** Appends and makes the events visible to queries. */
async function put(store: EventStore, events: readonly EnrichedEvent[]): Promise<void> {
  await store.append(events);
  await store.flush();
}

export function runEventStoreContract(name: string, harness: EventStoreHarness): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore | undefined;
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const range = { from: T0 - 3_600_000, to: T0 + 3_600_000 };

    referenceCases(
      () => harness.open(),
      (s) => {
        store = s;
      },
    );

    it('keeps acknowledged events across a reopen without an explicit flush', async () => {
      if (!harness.reopen) return;
      store = await harness.open();
      await store.append([testEvent(1), testEvent(2)]);
      await store.close();
      store = await harness.reopen();
      expect(await store.count()).toBe(2);
    });

    it('loads events appended after a clean reopen (journal segment names are never reused)', async () => {
      if (!harness.reopen) return;
      store = await harness.open();
      await store.append([testEvent(1)]);
      await store.close();
      store = await harness.reopen();
      await store.append([testEvent(2), testEvent(3)]);
      await store.flush();
      expect(await store.count()).toBe(3);
    });

    it('tells the time of the newest stored event, also after retention', async () => {
      store = await harness.open();
      expect(await store.lastEventTime()).toBeUndefined();
      await put(store, [testEvent(5), testEvent(9), testEvent(2)]);
      expect(await store.lastEventTime()).toBe(T0 + 9000);
      await store.applyRetention({ maxAgeMs: 1000 }, T0 + 20_000);
      expect(await store.lastEventTime()).toBeUndefined();
    });

    it('appends events durably and counts them', async () => {
      store = await harness.open();
      expect(await store.append(Array.from({ length: 120 }, (_, i) => testEvent(i)))).toBe(120);
      await store.flush();
      expect(await store.count()).toBe(120);
      if (harness.reopen) {
        await store.close();
        store = await harness.reopen();
        expect(await store.count()).toBe(120);
      }
    });

    it('buckets the request series by step and splits it by status class', async () => {
      store = await harness.open();
      const events = Array.from({ length: 120 }, (_, i) => testEvent(i, { status: i % 4 === 0 ? 404 : 200 }));
      await put(store, events);
      const series = await store.series({ range, stepMs: 60_000, splitByStatusClass: true });
      expect(series.map((p) => p.requests)).toEqual([60, 60]);
      expect(series[0]?.t).toBe(T0);
      expect(series[0]?.byClass?.['4xx']).toBe(15);
      expect(series[0]?.byClass?.['2xx']).toBe(45);
    });

    it('breaks traffic down by a dimension, busiest first', async () => {
      store = await harness.open();
      await put(store, [
        ...Array.from({ length: 5 }, (_, i) => testEvent(i, { ip: '198.51.100.1', country: 'FR' })),
        ...Array.from({ length: 3 }, (_, i) => testEvent(10 + i, { ip: '198.51.100.2', country: 'DE' })),
        testEvent(20, { ip: '2001:db8::1', country: 'US' }),
      ]);
      const byIp = await store.breakdown({ range, dimension: 'ip', limit: 2 });
      expect(byIp).toEqual([
        { key: '198.51.100.1', requests: 5, bytes: 5000, ips: 1 },
        { key: '198.51.100.2', requests: 3, bytes: 3000, ips: 1 },
      ]);
      const byCountry = await store.breakdown({ range, dimension: 'country', limit: 10 });
      expect(byCountry.map((r) => r.key)).toEqual(['FR', 'DE', 'US']);
    });

    it('filters to a selection of entities (addresses, v4 and v6 networks, ASNs, countries) and to its complement', async () => {
      store = await harness.open();
      await put(store, [
        testEvent(1, { ip: '198.51.100.1' }),
        testEvent(2, { ip: '198.51.100.200' }),
        testEvent(3, { ip: '192.0.2.9', asn: 64999 }),
        testEvent(4, { ip: '2001:db8:1:2::5' }),
        testEvent(5, { ip: '2001:db8:1:3::5', country: 'BR' }),
      ]);
      const count = async (filter: Parameters<EventStore['totals']>[0]['filter']) =>
        (await store!.totals({ range, ...(filter ? { filter } : {}) })).requests;
      expect(await count({ entities: { ips: ['198.51.100.1'] } })).toBe(1);
      expect(await count({ entities: { cidrs: ['198.51.100.0/24'] } })).toBe(2);
      expect(await count({ entities: { cidrs: ['2001:db8:1:2::/64'] } })).toBe(1);
      expect(await count({ entities: { cidrs: ['2001:db8::/32'] } })).toBe(2);
      expect(await count({ entities: { cidrs: ['2001:db8:1:2::5/128'] } })).toBe(1);
      expect(await count({ entities: { asns: [64999] } })).toBe(1);
      expect(await count({ entities: { countries: ['br'] } })).toBe(1);
      expect(await count({ entities: { ips: ['198.51.100.1'], asns: [64999] } })).toBe(2);
      expect(await count({ entities: { ips: ['198.51.100.1'] }, excludeEntities: true })).toBe(4);
      expect(await count({ entities: {} })).toBe(0);
      expect(await count(undefined)).toBe(5);
    });

    it('treats hostile filter values as data, not SQL', async () => {
      store = await harness.open();
      await put(store, [testEvent(1, { path: "/a' OR '1'='1" }), testEvent(2)]);
      expect((await store.totals({ range, filter: { path: "/a' OR '1'='1" } })).requests).toBe(1);
      expect((await store.totals({ range, filter: { host: "x'; DROP TABLE events; --" } })).requests).toBe(0);
      expect(await store.count()).toBe(2);
    });

    it('scans events back in time order with their fields intact', async () => {
      store = await harness.open();
      await put(store, [testEvent(3), testEvent(1), testEvent(2, { ip: '2001:db8::7', status: 503 })]);
      const seen = [];
      for await (const batch of store.scan({ range, batchSize: 2 })) {
        expect(batch.length).toBeLessThanOrEqual(2);
        seen.push(...batch);
      }
      expect(seen.map((e) => e.line)).toEqual([2, 3, 4]);
      expect(seen[1]).toMatchObject({
        ip: '2001:db8::7',
        status: 503,
        path: '/products/2',
        query: '',
        country: 'DE',
        asn: 64500,
        service: 'shop',
        uaFamily: 'Chrome',
      });
    });

    it('applies retention by age and by size, oldest first', async () => {
      store = await harness.open();
      await put(
        store,
        Array.from({ length: 100 }, (_, i) => testEvent(i)),
      );
      const byAge = await store.applyRetention({ maxAgeMs: 50_000 }, T0 + 99_000);
      expect(byAge.deleted).toBe(49);
      const bySize = await store.applyRetention({ maxEvents: 10 }, T0 + 99_000);
      expect(bySize.deleted).toBe(41);
      const left = [];
      for await (const batch of store.scan({ range })) left.push(...batch);
      expect(left.map((e) => e.line)).toEqual(Array.from({ length: 10 }, (_, i) => 91 + i));
    });
  });
}
