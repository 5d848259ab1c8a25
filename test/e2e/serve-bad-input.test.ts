/**
 * Bad input on every endpoint of the live server — malformed JSON, wrong types, huge bodies, invalid
 * addresses, gzip bombs, unknown formats and ids — is answered with a 4xx and a clear
 * `{error:{code,message}}`, and the server stays up and keeps ingesting.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DIST_BUILT, type ServeProcess, startServe, tempDir } from './serve-harness.js';

const tmp = tempDir('serve-bad');
let s: ServeProcess;
beforeAll(async () => {
  s = await startServe({
    dataDir: `${tmp.dir}/data`,
    configYaml: 'server:\n  bodyLimitBytes: 1048576\n  maxDecompressedBytes: 4194304\n',
  });
}, 90_000);
afterAll(async () => {
  expect(await s?.stop()).toBe(0);
  tmp.cleanup();
});

const nd = { 'content-type': 'application/x-ndjson' };

describe.skipIf(!DIST_BUILT)('rampart serve bad input', () => {
  const cases: [string, () => ReturnType<typeof api>, number, string, RegExp][] = [
    [
      'ingest: malformed JSON',
      () => api(s, '/api/v1/ingest', { raw: '{"ip": ', headers: nd }),
      422,
      '',
      /not valid JSON/,
    ],
    [
      'ingest: wrong types',
      () =>
        api(s, '/api/v1/ingest', {
          body: { ip: '192.0.2.1', method: 'GET', path: '/', status: '200', timestamp: Date.now() },
        }),
      422,
      '',
      /status: must be an integer/,
    ],
    [
      'ingest: invalid address',
      () =>
        api(s, '/api/v1/ingest', {
          body: { ip: '300.1.2.3', method: 'GET', path: '/', status: 200, timestamp: Date.now() },
        }),
      422,
      '',
      /ip: not an IP address/,
    ],
    [
      'ingest: huge body',
      () => api(s, '/api/v1/ingest', { raw: 'x'.repeat(2 * 1024 * 1024), headers: nd }),
      413,
      'PAYLOAD_TOO_LARGE',
      /larger than the limit/,
    ],
    [
      'ingest: gzip bomb',
      () =>
        api(s, '/api/v1/ingest', {
          raw: gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)),
          headers: { ...nd, 'content-encoding': 'gzip' },
        }),
      413,
      'PAYLOAD_TOO_LARGE',
      /decompressed body exceeds/,
    ],
    [
      'ingest: not gzip',
      () => api(s, '/api/v1/ingest', { raw: 'plain', headers: { ...nd, 'content-encoding': 'gzip' } }),
      400,
      'INVALID_ARGUMENT',
      /not valid gzip/,
    ],
    [
      'ingest: unknown format',
      () => api(s, '/api/v1/ingest?format=no_such_fmt', { raw: 'a line', headers: { 'content-type': 'text/plain' } }),
      400,
      'UNKNOWN_PLUGIN',
      /nginx_combined/,
    ],
    [
      'ingest: format injection',
      () => api(s, '/api/v1/ingest?format=../../etc', { raw: 'a', headers: { 'content-type': 'text/plain' } }),
      400,
      'INVALID_ARGUMENT',
      /format/,
    ],
    [
      'bans: invalid address',
      () => api(s, '/api/v1/bans', { body: { value: '999.0.0.1', reason: 'x' } }),
      400,
      'INVALID_ADDRESS',
      /999/,
    ],
    [
      'bans: wrong types',
      () => api(s, '/api/v1/bans', { body: { value: '192.0.2.1', reason: 'x', ttlSeconds: 'soon' } }),
      400,
      'INVALID_ARGUMENT',
      /ttlSeconds/,
    ],
    [
      'bans: unknown field',
      () => api(s, '/api/v1/bans', { body: { value: '192.0.2.1', reason: 'x', evil: true } }),
      400,
      'INVALID_ARGUMENT',
      /evil|additional/i,
    ],
    [
      'bans: malformed JSON',
      () => api(s, '/api/v1/bans', { raw: '{"value":', headers: { 'content-type': 'application/json' } }),
      400,
      'INVALID_ARGUMENT',
      /JSON/,
    ],
    ['bans: unknown id', () => api(s, '/api/v1/bans/b_nope', { method: 'DELETE' }), 404, 'NOT_FOUND', /b_nope/],
    [
      'allow: invalid cidr',
      () => api(s, '/api/v1/allow', { body: { value: '10.0.0.0/99', kind: 'cidr', reason: 'x' } }),
      400,
      'INVALID_ADDRESS',
      /10\.0\.0\.0\/99/,
    ],
    [
      'traffic: bad dimension',
      () => api(s, '/api/v1/traffic/breakdown/shoe_size'),
      400,
      'INVALID_ARGUMENT',
      /shoe_size|dimension/,
    ],
    ['traffic: bad time', () => api(s, '/api/v1/traffic/totals?from=yesterday-ish'), 400, 'INVALID_ARGUMENT', /from/],
    ['findings: wrong type', () => api(s, '/api/v1/findings?minScore=high'), 400, 'INVALID_ARGUMENT', /minScore/],
    ['reports: unknown id', () => api(s, '/api/v1/reports/r_nope'), 404, 'NOT_FOUND', /r_nope/],
    [
      'simulate: invalid value',
      () => api(s, '/api/v1/simulate', { body: { values: ['not-an-ip'] } }),
      400,
      'INVALID_ADDRESS',
      /not-an-ip/,
    ],
    [
      'tokens: bad scope',
      () => api(s, '/api/v1/tokens', { body: { name: 'x', scopes: ['root'] } }),
      400,
      'INVALID_ARGUMENT',
      /scopes/,
    ],
    ['audit: bad action', () => api(s, '/api/v1/audit?action=drop_table'), 400, 'INVALID_ARGUMENT', /action/],
    ['unknown route', () => api(s, '/api/v1/nothing-here'), 404, 'NOT_FOUND', /no route/],
  ];
  for (const [name, call, status, code, message] of cases) {
    it(`answers ${status} with a clear message: ${name}`, async () => {
      const r = await call();
      expect(r.status).toBe(status);
      if (code) expect(r.json.error.code).toBe(code);
      const text = code ? r.json.error.message : r.json.errors.map((e: { reason: string }) => e.reason).join('; ');
      expect(text).toMatch(message);
    });
  }

  it('is still up and ingesting after all of it', async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const ok = await api(s, '/api/v1/ingest', {
      body: { ip: '192.0.2.9', method: 'GET', path: '/', status: 200, timestamp: Date.now() },
    });
    expect(ok.json.accepted).toBe(1);
    expect(s.proc.exitCode).toBeNull();
  });
});
