/**
 * Contract cases that compare a backend's traffic queries with a plain in-memory computation over a
 * generated data set: uneven timestamps, ranges that cut minutes and hours, IPv4 and IPv6 clients, entity
 * selections and their complement, dimension filters, ties. Whatever a backend precomputes (key columns,
 * rollups), its answers must equal these.
 */
import { type EnrichedEvent, parseCidr, parseIp } from '@rampart/core';
import { expect, it } from 'vitest';
import { testEvent } from './event-store.contract.js';
import type { BreakdownRow, Dimension, EventFilter, EventStore, TimeRange } from './event-store.js';

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

/** A deterministic data set: ~3,000 events over 3 h from 60 clients (a few busy, a long tail, some IPv6). */
export function generatedEvents(n = 3000): EnrichedEvent[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const out: EnrichedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(60 * rnd() ** 2);
    const ip = c % 7 === 3 ? `2001:db8:${c}::${(c * 13) % 50}` : `198.51.${100 + (c % 3)}.${c}`;
    out.push(
      testEvent(i, {
        ip,
        ts: T0 + Math.floor(rnd() * 3 * 3_600_000),
        path: `/p/${Math.floor(40 * rnd() ** 3)}`,
        status: [200, 200, 200, 404, 302, 500, 401][Math.floor(rnd() * 7)]!,
        asn: 64500 + (c % 5),
        country: ['DE', 'FR', 'US'][c % 3]!,
        bytes: Math.floor(rnd() * 5000) - 100,
        networkType: c % 2 ? 'hosting' : 'residential',
      }),
    );
  }
  return out;
}

function inRange(e: EnrichedEvent, r: TimeRange): boolean {
  return e.req.ts >= r.from && e.req.ts < r.to;
}

function matchesEntities(e: EnrichedEvent, f: EventFilter): boolean {
  const sel = f.entities!;
  const ip = parseIp(e.req.ip);
  const hit =
    (sel.ips ?? []).includes(e.req.ip) ||
    (sel.cidrs ?? []).some((c) => {
      const cidr = parseCidr(c, { lenient: true });
      return !!cidr && !!ip && cidr.version === ip.version && ip.value >= cidr.first && ip.value <= cidr.last;
    }) ||
    (sel.asns ?? []).includes(e.net.asn ?? -1) ||
    (sel.countries ?? []).includes(e.net.country ?? '');
  return f.excludeEntities ? !hit : hit;
}

function matches(e: EnrichedEvent, r: TimeRange, f: EventFilter): boolean {
  if (!inRange(e, r)) return false;
  if (f.service !== undefined && e.service !== f.service) return false;
  if (f.networkType !== undefined && e.net.networkType !== f.networkType) return false;
  if (f.status !== undefined && e.req.status !== f.status) return false;
  if (f.statusClass !== undefined && Math.floor(e.req.status / 100) !== f.statusClass) return false;
  if (f.path !== undefined && e.req.path !== f.path) return false;
  if (f.entities && !matchesEntities(e, f)) return false;
  return true;
}

const KEY: Partial<Record<Dimension, (e: EnrichedEvent) => string>> = {
  ip: (e) => e.req.ip,
  path: (e) => e.req.path,
  asn: (e) => (e.net.asn === undefined ? 'unknown' : `AS${e.net.asn}`),
  country: (e) => e.net.country ?? 'unknown',
  status: (e) => String(e.req.status),
  network_type: (e) => e.net.networkType,
};

function reference(events: readonly EnrichedEvent[], r: TimeRange, f: EventFilter, d: Dimension) {
  const rows = new Map<string, { requests: number; bytes: number; ips: Set<string> }>();
  for (const e of events) {
    if (!matches(e, r, f)) continue;
    const k = KEY[d]!(e);
    const row = rows.get(k) ?? { requests: 0, bytes: 0, ips: new Set<string>() };
    row.requests++;
    row.bytes += Math.max(0, e.req.bytes);
    row.ips.add(e.req.ip);
    rows.set(k, row);
  }
  return rows;
}

const RANGES: TimeRange[] = [
  { from: T0 - 3_600_000, to: T0 + 5 * 3_600_000 },
  // Cuts minutes and hours on both sides.
  { from: T0 + 17 * 60_000 + 13_457, to: T0 + 2 * 3_600_000 + 41 * 60_000 + 7_001 },
  { from: T0 + 3_600_000, to: T0 + 2 * 3_600_000 },
  { from: T0 + 3_600_000 - 1, to: T0 + 3_600_000 + 1 },
];
const ENTITIES = { ips: ['198.51.100.0', '2001:db8:3::39'], cidrs: ['198.51.101.0/24'], asns: [64504] };
const FILTERS: EventFilter[] = [
  {},
  { entities: ENTITIES },
  { entities: ENTITIES, excludeEntities: true },
  { entities: { cidrs: ['2001:db8::/32'], countries: ['FR'] } },
  { statusClass: 4 },
  { networkType: 'hosting', entities: ENTITIES, excludeEntities: true },
  { service: 'shop', status: 200 },
  { path: '/p/0' },
];

export function referenceCases(open: () => Promise<EventStore>, onStore: (s: EventStore) => void): void {
  it('answers series, breakdowns and totals exactly as a plain computation over the raw events', async () => {
    const store = await open();
    onStore(store);
    const events = generatedEvents();
    // Several appends and loads, as live ingest makes them: precomputed data must add up across loads.
    for (let i = 0; i < events.length; i += 700) {
      await store.append(events.slice(i, i + 700));
      if (i % 1400 === 0) await store.flush();
    }
    await store.flush();
    await expectSameAsReference(store, events);
  });

  it('still answers exactly after retention cut through an hour (by age, then by size)', async () => {
    const store = await open();
    onStore(store);
    const events = generatedEvents(1500);
    await store.append(events);
    await store.flush();
    const cut = T0 + 3_600_000 + 20 * 60_000 + 1;
    await store.applyRetention({ maxAgeMs: 1000 }, cut + 1000);
    let left = events.filter((e) => e.req.ts >= cut);
    await expectSameAsReference(store, left, ['ip', 'asn']);
    await store.applyRetention({ maxEvents: 400 }, cut + 1000);
    const sorted = left.map((e) => e.req.ts).sort((a, b) => a - b);
    left = left.filter((e) => e.req.ts >= sorted[left.length - 400]!);
    expect(await store.count()).toBe(left.length);
    await expectSameAsReference(store, left, ['ip', 'country']);
  });
}

async function expectSameAsReference(
  store: EventStore,
  events: readonly EnrichedEvent[],
  dimensions = Object.keys(KEY) as Dimension[],
): Promise<void> {
  for (const range of RANGES) {
    for (const filter of FILTERS) {
      const what = JSON.stringify({ range, filter });
      const picked = events.filter((e) => matches(e, range, filter));
      const totals = await store.totals({ range, filter });
      expect(totals, what).toEqual({
        requests: picked.length,
        ips: new Set(picked.map((e) => e.req.ip)).size,
        bytes: picked.reduce((s, e) => s + Math.max(0, e.req.bytes), 0),
        first: picked.length ? Math.min(...picked.map((e) => e.req.ts)) : undefined,
        last: picked.length ? Math.max(...picked.map((e) => e.req.ts)) : undefined,
      });
      for (const stepMs of [60_000, 300_000, 3_600_000, 7_000]) {
        const series = await store.series({ range, filter, stepMs, splitByStatusClass: true });
        const expected = new Map<number, { n: number; c: number[] }>();
        for (const e of picked) {
          const t = Math.floor(e.req.ts / stepMs) * stepMs;
          const p = expected.get(t) ?? { n: 0, c: [0, 0, 0, 0, 0] };
          p.n++;
          p.c[Math.floor(e.req.status / 100) - 1]!++;
          expected.set(t, p);
        }
        expect(
          series.map((p) => [p.t, p.requests, ...[1, 2, 3, 4, 5].map((c) => p.byClass?.[`${c}xx`])]),
          `${what} step ${stepMs}`,
        ).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]).map(([t, p]) => [t, p.n, ...p.c]));
      }
      for (const dimension of dimensions) {
        const ref = reference(events, range, filter, dimension);
        const all = await store.breakdown({ range, filter, dimension, limit: 10_000 });
        expect(all.map((r) => [r.key, r.requests, r.bytes]).sort(), `${what} ${dimension}`).toEqual(
          [...ref.entries()].map(([k, r]) => [k, r.requests, r.bytes]).sort(),
        );
        expectIpsClose(all, ref, dimension);
        // A short list is the busiest rows (ties in any stable order).
        const top = await store.breakdown({ range, filter, dimension, limit: 3 });
        expect(top.length).toBe(Math.min(3, ref.size));
        const counts = [...ref.values()].map((r) => r.requests).sort((a, b) => b - a);
        expect(
          top.map((r) => r.requests),
          `${what} ${dimension} top`,
        ).toEqual(counts.slice(0, 3));
        for (const r of top) expect(ref.get(r.key)?.requests).toBe(r.requests);
      }
    }
  }
}

/**
 * Distinct addresses per breakdown row may be an estimate: DuckDB's sketch has a standard error of about
 * 13 %, so the bound is three of those (and at least 1).
 */
function expectIpsClose(rows: readonly BreakdownRow[], ref: ReturnType<typeof reference>, d: Dimension): void {
  for (const r of rows) {
    const exact = ref.get(r.key)?.ips.size ?? 0;
    if (d === 'ip') expect(r.ips).toBe(1);
    else
      expect(Math.abs(r.ips - exact), `${d} ${r.key}: ${r.ips} vs ${exact}`).toBeLessThanOrEqual(
        Math.max(1, Math.ceil(exact * 0.4)),
      );
  }
}
