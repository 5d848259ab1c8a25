import { gzipSync } from 'node:zlib';
import { RampartError, type RequestEvent } from '@rampart/core';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEventStore } from '../store/duckdb/duckdb-event-store.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { buildApi } from './app.js';
import { testTokenAuth } from './testing/token-auth.js';

const auth = testTokenAuth;

let app: FastifyInstance | undefined;
let events: DuckDbEventStore | undefined;
afterEach(async () => {
  await app?.close();
  await events?.close();
  app = undefined;
  events = undefined;
});

async function makeApp(opts: { accept?: (e: readonly RequestEvent[]) => Promise<void> } = {}) {
  const stored: RequestEvent[] = [];
  events = await DuckDbEventStore.open({ path: ':memory:' });
  app = await buildApi(
    {
      auth,
      metrics: new MetricsRegistry(),
      ready: () => true,
      events,
      version: 'test',
      ingest: {
        maxDecompressedBytes: 64 * 1024,
        lineParser: (format) => {
          throw new RampartError('UNKNOWN_PLUGIN', `unknown format '${format}'`);
        },
        accept:
          opts.accept ??
          (async (events) => {
            stored.push(...events);
          }),
      },
    },
    { bodyLimit: 32 * 1024, logger: false },
  );
  return { app, stored };
}

const ev = (i: number, over: Record<string, unknown> = {}) => ({
  ip: `198.51.100.${i}`,
  method: 'GET',
  path: `/items/${i}?page=2`,
  status: 200,
  hostname: 'Shop.Example',
  timestamp: '2026-11-20T12:00:00.250Z',
  ...over,
});
const ingest = (body: string | Buffer, headers: Record<string, string> = {}, url = '/api/v1/ingest') =>
  app!.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { authorization: 'Bearer ingest-token', 'content-type': 'application/x-ndjson', ...headers },
  });

describe('API basics', () => {
  it('answers health, metrics and the OpenAPI document without a token', async () => {
    await makeApp();
    expect((await app!.inject('/healthz')).json()).toMatchObject({ status: 'ok' });
    expect((await app!.inject('/readyz')).statusCode).toBe(200);
    const metrics = await app!.inject('/metrics');
    expect(metrics.body).toContain('# TYPE rampart_ingest_events_total counter');
    const doc = (await app!.inject('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/ingest');
  });

  it('answers unknown routes with the error shape', async () => {
    await makeApp();
    const res = await app!.inject({ url: '/api/v1/nope', headers: { authorization: 'Bearer admin-token' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /api/v1/nope' } });
  });

  it('requires a token with the right scope', async () => {
    await makeApp();
    const body = JSON.stringify(ev(1));
    expect((await ingest(body, { authorization: '' })).json().error.code).toBe('UNAUTHORIZED');
    expect((await ingest(body, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    const forbidden = await ingest(body, { authorization: 'Bearer read-token' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    expect((await ingest(body, { authorization: 'Bearer admin-token' })).statusCode).toBe(200);
  });
});

describe('route permissions', () => {
  it('refuses a route that declares no permission to every caller, the admin token included', async () => {
    await makeApp();
    app!.get('/api/v1/forgotten', async () => ({ secret: true }));
    app!.get('/api/v1/declared', { config: { permission: 'traffic:read' } }, async () => ({ ok: true }));
    for (const token of ['admin-token', 'read-token']) {
      const res = await app!.inject({ url: '/api/v1/forgotten', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, token).toBe(403);
      expect(res.json().error.message).toBe('this route declares no permission');
    }
    expect((await app!.inject('/api/v1/forgotten')).statusCode).toBe(401);
    const ok = await app!.inject({ url: '/api/v1/declared', headers: { authorization: 'Bearer read-token' } });
    expect(ok.json()).toEqual({ ok: true });
  });
});

describe('POST /api/v1/ingest', () => {
  it('accepts a single event and normalizes it', async () => {
    const { stored } = await makeApp();
    const res = await ingest(JSON.stringify(ev(7, { ip: '::ffff:198.51.100.7', user_agent: 'curl/8' })), {
      'content-type': 'application/json',
    });
    expect(res.json()).toEqual({ accepted: 1, rejected: 0, errors: [] });
    expect(stored[0]).toMatchObject({
      ip: '198.51.100.7',
      host: 'shop.example',
      path: '/items/7',
      query: 'page=2',
      ts: Date.UTC(2026, 10, 20, 12, 0, 0, 250),
      userAgent: 'curl/8',
      source: 'http',
      line: 1,
    });
  });

  it('keeps the good lines of an NDJSON batch and reports each bad one with its line number', async () => {
    const { stored } = await makeApp();
    const lines = [
      JSON.stringify(ev(1)),
      '{not json',
      JSON.stringify(ev(2, { ip: 'not-an-ip' })),
      '',
      JSON.stringify(ev(3, { status: 99 })),
      JSON.stringify(ev(4, { timestamp: 'yesterday' })),
      JSON.stringify(ev(5, { timestamp: 1763640000 })),
    ];
    const res = await ingest(lines.join('\n'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toBe(4);
    expect(body.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 5, 6]);
    expect(body.errors[1].reason).toMatch(/^ip:/);
    expect(stored.map((e) => e.ip)).toEqual(['198.51.100.1', '198.51.100.5']);
    expect(stored[1]?.ts).toBe(1763640000 * 1000);
  });

  it('accepts a JSON array and gzip bodies', async () => {
    const { stored } = await makeApp();
    const res = await ingest(gzipSync(JSON.stringify([ev(1), ev(2)])), {
      'content-encoding': 'gzip',
      'content-type': 'application/json',
    });
    expect(res.json().accepted).toBe(2);
    expect(stored).toHaveLength(2);
  });

  it('answers 422 when no line is good, and nothing is stored', async () => {
    const { stored } = await makeApp();
    const res = await ingest('{"ip": 1}\n<html>');
    expect(res.statusCode).toBe(422);
    expect(res.json().rejected).toBe(2);
    expect(stored).toHaveLength(0);
  });

  it('refuses a gzip bomb, invalid gzip and an over-large body with 4xx and stays up', async () => {
    await makeApp();
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(32 * 1024);
    const b = await ingest(bomb, { 'content-encoding': 'gzip' });
    expect(b.statusCode).toBe(413);
    expect(b.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await ingest(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).json().error.code).toBe(
      'INVALID_ARGUMENT',
    );
    expect((await ingest('x'.repeat(40 * 1024))).statusCode).toBe(413);
    expect((await ingest(JSON.stringify(ev(1)), { 'content-encoding': 'br' })).statusCode).toBe(400);
    expect((await ingest(JSON.stringify(ev(1)))).statusCode).toBe(200);
  });

  it('rejects an unknown or malformed ?format= with a clear error', async () => {
    await makeApp();
    const unknown = await ingest('x', {}, '/api/v1/ingest?format=nope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_PLUGIN');
    const bad = await ingest('x', {}, '/api/v1/ingest?format=../../etc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_ARGUMENT');
  });

  it('answers 503 with Retry-After under backpressure instead of buffering', async () => {
    await makeApp({
      accept: async () => {
        throw new RampartError('OVERLOADED', 'ingest queue full');
      },
    });
    const res = await ingest(JSON.stringify(ev(1)));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });
});
