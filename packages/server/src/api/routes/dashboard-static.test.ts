import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { authHook } from '../auth.js';
import { CONTENT_SECURITY_POLICY, dashboardRoutes } from './dashboard-static.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function builtDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-dash-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

async function serve(root: string) {
  app = Fastify();
  await app.register(dashboardRoutes(root));
  return { app };
}

describe('dashboard static files', () => {
  it('serves index.html at / and at client-side routes, revalidated, with the security headers', async () => {
    const { app } = await serve(builtDir());
    for (const url of ['/', '/traffic', '/findings/f_123?x=1']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('caches hashed assets for a year', async () => {
    const { app } = await serve(builtDir());
    const res = await app.inject('/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers misses under the API and missing files with the JSON 404, not the app', async () => {
    const { app } = await serve(builtDir());
    for (const url of ['/api/v1/nope', '/api', '/metrics/x', '/assets/missing.js']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('loads without a token behind the API auth hook (the log-in page must be reachable)', async () => {
    app = Fastify();
    app.addHook('onRequest', authHook({ auth: { authenticate: async () => undefined } }));
    await app.register(dashboardRoutes(builtDir()));
    for (const url of ['/', '/login', '/assets/index-abc123.js']) {
      expect((await app.inject(url)).statusCode, url).toBe(200);
    }
  });

  it('says how to build the dashboard when it is not built', async () => {
    const { app } = await serve(mkdtempSync(join(tmpdir(), 'rampart-dash-empty-')));
    const res = await app.inject('/traffic');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build');
  });
});
