import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEventStore } from '../../store/duckdb/duckdb-event-store.js';
import { MetricsRegistry } from '../../telemetry/metrics.js';
import { buildApi } from '../app.js';
import { testTokenAuth } from '../testing/token-auth.js';
import { SessionStore } from './session.js';

const auth = testTokenAuth;

let app: FastifyInstance | undefined;
let events: DuckDbEventStore | undefined;
afterEach(async () => {
  await app?.close();
  await events?.close();
  app = undefined;
  events = undefined;
});

async function makeApp(): Promise<FastifyInstance> {
  events = await DuckDbEventStore.open({ path: ':memory:' });
  app = await buildApi(
    {
      auth,
      metrics: new MetricsRegistry(),
      ready: () => true,
      events,
      version: 'test',
      ingest: { maxDecompressedBytes: 64 * 1024, lineParser: () => ({}) as never, accept: async () => {} },
    },
    { bodyLimit: 32 * 1024, logger: false },
  );
  return app;
}

async function login(a: FastifyInstance, token: string) {
  const res = await a.inject({ method: 'POST', url: '/api/v1/session', payload: { token } });
  const setCookie = String(res.headers['set-cookie'] ?? '');
  return { res, setCookie, cookie: setCookie.split(';')[0] ?? '', csrf: res.json().csrf as string };
}

const event = JSON.stringify({
  ip: '198.51.100.7',
  method: 'GET',
  path: '/',
  status: 200,
  timestamp: '2026-11-20T12:00:00Z',
});
const ingestWith = (a: FastifyInstance, headers: Record<string, string>) =>
  a.inject({
    method: 'POST',
    url: '/api/v1/ingest',
    payload: event,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('dashboard sessions', () => {
  it('exchanges a read or admin token for a Secure, HttpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const a = await makeApp();
    const { res, setCookie, csrf } = await login(a, 'read-token');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'read-token', scopes: ['read'] });
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toMatch(
      /^rampart_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict; Max-Age=\d+$/,
    );
    // The token itself never travels back to the browser.
    expect(setCookie + res.body).not.toContain('read-token;');
  });

  it('refuses a wrong token (401) and a token that cannot read (403), setting no cookie', async () => {
    const a = await makeApp();
    const wrong = await login(a, 'nope');
    expect(wrong.res.statusCode).toBe(401);
    expect(wrong.setCookie).toBe('');
    const ingestOnly = await login(a, 'ingest-token');
    expect(ingestOnly.res.statusCode).toBe(403);
    expect(ingestOnly.setCookie).toBe('');
  });

  it('authenticates reads with the cookie alone; a malformed or unknown cookie is no session', async () => {
    const a = await makeApp();
    const { cookie } = await login(a, 'read-token');
    expect((await a.inject({ url: '/api/v1/traffic/totals', headers: { cookie } })).statusCode).toBe(200);
    expect((await a.inject({ url: '/api/v1/session', headers: { cookie } })).json().name).toBe('read-token');
    for (const bad of ['rampart_session=x', `rampart_session=${'A'.repeat(43)}`, 'other=1']) {
      expect((await a.inject({ url: '/api/v1/traffic/totals', headers: { cookie: bad } })).statusCode).toBe(401);
    }
  });

  it('refuses unsafe methods on a cookie session without the right X-CSRF-Token; bearer tokens need none', async () => {
    const a = await makeApp();
    const { cookie, csrf } = await login(a, 'admin-token');
    expect((await ingestWith(a, { cookie })).statusCode).toBe(403);
    expect(
      (await ingestWith(a, { cookie, 'x-csrf-token': `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` }))
        .statusCode,
    ).toBe(403);
    expect((await ingestWith(a, { cookie, 'x-csrf-token': csrf })).statusCode).toBe(200);
    expect((await ingestWith(a, { authorization: 'Bearer admin-token' })).statusCode).toBe(200);
  });

  it('logs out: the cookie is cleared and no longer works', async () => {
    const a = await makeApp();
    const { cookie, csrf } = await login(a, 'read-token');
    const out = await a.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await a.inject({ url: '/api/v1/traffic/totals', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sessions expire after their TTL and the oldest go first past the bound', () => {
    let now = 1_000;
    const store = new SessionStore({ ttlMs: 500, max: 2, now: () => now });
    const a = store.create('t1');
    const b = store.create('t2');
    expect(store.get(a.id)?.token).toBe('t1');
    const c = store.create('t3');
    expect(store.get(a.id)).toBeUndefined();
    expect(store.get(b.id)?.token).toBe('t2');
    now += 500;
    expect(store.get(c.id)).toBeUndefined();
  });
});
