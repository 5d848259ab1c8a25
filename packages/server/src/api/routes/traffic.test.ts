import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEvent } from '../../store/contract/event-store.contract.js';
import { DuckDbEventStore } from '../../store/duckdb/duckdb-event-store.js';
import { MetricsRegistry } from '../../telemetry/metrics.js';
import { buildApi } from '../app.js';

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
let app: FastifyInstance;
let events: DuckDbEventStore;

beforeAll(async () => {
  events = await DuckDbEventStore.open({ path: ':memory:' });
  await events.append([
    ...Array.from({ length: 90 }, (_, i) => testEvent(i, { ip: '198.51.100.1', status: i % 3 === 0 ? 404 : 200 })),
    ...Array.from({ length: 30 }, (_, i) => testEvent(i, { ip: '192.0.2.7', asn: 64999, country: 'US' })),
  ]);
  await events.flush();
  app = await buildApi(
    {
      auth: { authenticate: async (t) => (t === 'r' ? { name: 'r', scopes: new Set(['read'] as const) } : undefined) },
      metrics: new MetricsRegistry(),
      ready: () => true,
      version: 't',
      events,
      ingest: {
        maxDecompressedBytes: 1024,
        lineParser: () => ({ format: 'x', parse: () => ({ kind: 'skip' }) }),
        accept: async () => {},
      },
    },
    { bodyLimit: 1024, logger: false },
  );
});
afterAll(async () => {
  await app.close();
  await events.close();
});

const get = (url: string) => app.inject({ url, headers: { authorization: 'Bearer r' } });

describe('traffic queries', () => {
  it('defaults to the last 24 h of stored event time and picks a step', async () => {
    const body = (await get('/api/v1/traffic/series?split=status_class')).json();
    expect(body.to).toBe(T0 + 89_000 + 1);
    expect(body.stepMs).toBe(60_000);
    expect(body.points.reduce((n: number, p: { requests: number }) => n + p.requests, 0)).toBe(120);
    expect(body.points[0].byClass['4xx']).toBe(20);
  });

  it('breaks down by a dimension and filters to selected entities', async () => {
    const all = (await get('/api/v1/traffic/breakdown/ip')).json();
    expect(all.rows.map((r: { key: string }) => r.key)).toEqual(['198.51.100.1', '192.0.2.7']);
    const asn = (await get('/api/v1/traffic/breakdown/country?asn=AS64999')).json();
    expect(asn.rows).toEqual([{ key: 'US', requests: 30, bytes: 30_000, ips: 1 }]);
  });

  it('reports the share of traffic a selection makes up, and its complement', async () => {
    const sel = (await get('/api/v1/traffic/totals?cidr=198.51.100.0/24')).json();
    expect(sel.selected.requests).toBe(90);
    expect(sel.share).toBeCloseTo(0.75);
    const rest = (await get('/api/v1/traffic/totals?cidr=198.51.100.0/24&exclude=true')).json();
    expect(rest.selected.requests).toBe(30);
  });

  it('answers bad parameters with 400 and the error shape', async () => {
    expect((await get('/api/v1/traffic/breakdown/password')).json().error.code).toBe('INVALID_ARGUMENT');
    expect((await get('/api/v1/traffic/series?from=yesterday&to=now')).statusCode).toBe(400);
    expect((await get('/api/v1/traffic/totals?asn=ASX')).json().error.code).toBe('INVALID_ARGUMENT');
    expect((await get(`/api/v1/traffic/series?from=${T0}&to=${T0 - 1}`)).statusCode).toBe(400);
    expect((await app.inject('/api/v1/traffic/totals')).statusCode).toBe(401);
  });
});
