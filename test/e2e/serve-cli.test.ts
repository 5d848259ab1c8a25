/**
 * The CLI around the server: `rampart config validate` names bad keys; `rampart ingest` ships a log in
 * gzip batches and retries a 503 after its Retry-After (against a loopback HTTP server playing an
 * overloaded Rampart), then into a live `rampart serve`; `rampart replay` backfills a lab log into a data
 * directory that a server then opens with the events and findings in place — exactly the findings
 * `rampart analyze` finds on the same day.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { generateLab } from '@rampart/core';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';
import { api, DIST_BUILT, eventually, ROOT, startServe, tempDir } from './serve-harness.js';

const tmp = tempDir('serve-cli');
afterAll(() => tmp.cleanup());

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}
async function run(args: string[]) {
  const out = capture();
  const err = capture();
  const code = await main(['node', 'rampart', ...args], {
    stdout: out.stream,
    stderr: err.stream,
    cwd: tmp.dir,
    env: {},
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

const NOW = Date.now();
const stamp = new Date(NOW - 120_000)
  .toUTCString()
  .replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
const logLines = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `192.0.2.${i % 200} - - [${stamp}] "GET /c/${i} HTTP/1.1" 200 10 "-" "curl/8"`,
  ).join('\n');

describe('rampart config validate', () => {
  it('accepts the example config and names every bad key of a broken one', async () => {
    expect(await run(['config', 'validate', join(ROOT, 'examples/rampart.yaml')])).toMatchObject({ code: 0 });
    writeFileSync(join(tmp.dir, 'bad.yaml'), 'server:\n  port: eighty\n  reportCycle: 5\n');
    const r = await run(['config', 'validate', 'bad.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('server.port: Expected integer');
    expect(r.stderr).toContain('server.reportCycle: Unexpected property');
  });
});

describe('rampart ingest', () => {
  it('retries a 503 after its Retry-After and sends every line gzip-compressed', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        calls++;
        if (calls === 1) {
          res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' });
          res.end('{"error":{"code":"OVERLOADED","message":"busy"}}');
          return;
        }
        expect(req.url).toBe('/api/v1/ingest?format=nginx_combined');
        expect(req.headers.authorization).toBe('Bearer tok');
        const text = gunzipSync(Buffer.concat(chunks)).toString();
        bodies.push(text);
        const n = text.split('\n').filter(Boolean).length;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accepted: n, rejected: 0, errors: [] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    writeFileSync(join(tmp.dir, 'a.log'), `${logLines(250)}\n`);
    const started = Date.now();
    const r = await run([
      'ingest',
      'a.log',
      '--to',
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      '--token',
      'tok',
      '--batch',
      '100',
    ]);
    server.close();
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r.stdout).toMatch(/sent 250 lines .*250 accepted, 0 rejected, 0 batches failed, 1 retries/);
    expect(bodies.map((b) => b.split('\n').filter(Boolean).length)).toEqual([100, 100, 50]);
  });

  it.skipIf(!DIST_BUILT)(
    'ships a log into a live server',
    async () => {
      const s = await startServe({ dataDir: join(tmp.dir, 'live') });
      try {
        writeFileSync(join(tmp.dir, 'b.log'), `${logLines(300)}\n`);
        const r = await run(['ingest', 'b.log', '--to', s.url, '--token', s.token, '--batch', '128']);
        expect(r.code).toBe(0);
        expect(r.stderr).toContain('format nginx_combined (auto-detected)');
        const total = await eventually(async () => {
          const t = await api(s, `/api/v1/traffic/totals?from=${NOW - 3_600_000}&to=${NOW + 3_600_000}`);
          return t.json.selected.requests === 300 ? t.json.selected.requests : undefined;
        });
        expect(total).toBe(300);
        expect((await run(['ingest', 'b.log', '--to', s.url, '--token', 'wrong-token-xyz'])).code).toBe(2);
      } finally {
        await s.stop();
      }
    },
    60_000,
  );
});

describe('rampart replay', () => {
  it.skipIf(!DIST_BUILT)(
    'backfills a lab day with event-time detection, finding what analyze finds; a server then serves it',
    async () => {
      const lab = generateLab({ seed: 7, scale: 0.05, outDir: join(tmp.dir, 'lab'), formats: ['nginx'] });
      const data = join(tmp.dir, 'replayed');
      const r = await run(['replay', join(tmp.dir, 'lab', 'access.log'), '--data', data]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`replayed ${lab.lines} events from ${lab.lines} lines`);
      const findings = Number(/findings: (\d+)/.exec(r.stdout)?.[1]);
      expect(findings).toBeGreaterThan(0);
      expect(r.stdout).toMatch(/reports created: 1\b/);
      const analyzed = await run(['analyze', join(tmp.dir, 'lab', 'access.log'), '--json']);
      const expected = (JSON.parse(analyzed.stdout).findings as { id: string }[]).map((f) => f.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(findings).toBe(expected.length);
      const s = await startServe({ dataDir: data });
      try {
        const t = await api(s, '/api/v1/traffic/totals');
        expect(t.json.selected.requests).toBe(lab.lines);
        // Windows rebuilt from the stored events: the same findings without re-reading the log.
        expect((await api(s, '/api/v1/findings')).json.total).toBe(findings);
        const stored = await api(s, '/api/v1/findings?limit=5000');
        expect((stored.json.findings as { id: string }[]).map((f) => f.id).sort()).toEqual(expected);
        const reports = await api(s, '/api/v1/reports');
        expect(reports.json.total).toBe(1);
        // The report the replay's final cycle made holds exactly what analyze finds on the same day.
        const report = await api(s, `/api/v1/reports/${reports.json.reports[0].id}`);
        expect((report.json.report.findings as { id: string }[]).map((f) => f.id).sort()).toEqual(expected);
      } finally {
        await s.stop();
      }
    },
    120_000,
  );
});
