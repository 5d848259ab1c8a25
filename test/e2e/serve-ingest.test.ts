/**
 * `rampart serve` over real sockets: HTTP ingest (JSON, NDJSON, raw lines with ?format=, gzip) and syslog
 * (UDP and TCP, as nginx sends it) land in the event store and answer the traffic queries; token scopes
 * hold (an ingest token cannot read, no token gets 401, docs and health are public).
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DIST_BUILT, eventually, type ServeProcess, startServe, tempDir } from './serve-harness.js';

const tmp = tempDir('serve-ingest');
let s: ServeProcess;
const NOW = Date.now();
const clf = (ip: string, path: string, status: number) =>
  `${ip} - - [${new Date(NOW - 60_000).toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000')}] "GET ${path} HTTP/1.1" ${status} 512 "-" "Mozilla/5.0"`;

beforeAll(async () => {
  s = await startServe({
    dataDir: `${tmp.dir}/data`,
    configYaml:
      'server:\n  reportCycleSeconds: 1\n  syslog:\n    - udpPort: 0\n      tcpPort: 0\n      format: nginx_combined\n',
  });
}, 90_000);
afterAll(async () => {
  expect(await s?.stop()).toBe(0);
  tmp.cleanup();
});

const range = `from=${NOW - 3_600_000}&to=${NOW + 3_600_000}`;
async function countFor(path: string): Promise<number> {
  const r = await api(s, `/api/v1/traffic/totals?${range}&path=${encodeURIComponent(path)}`);
  return r.json.selected.requests;
}

describe.skipIf(!DIST_BUILT)('rampart serve ingest', () => {
  it('stores JSON, NDJSON (gzip) and raw nginx lines posted over HTTP, acknowledging only what it kept', async () => {
    const one = {
      ip: '203.0.113.7',
      method: 'GET',
      path: '/json-one',
      status: 200,
      hostname: 'shop.example',
      timestamp: NOW - 30_000,
    };
    expect((await api(s, '/api/v1/ingest', { body: one })).json).toMatchObject({ accepted: 1, rejected: 0 });
    const nd = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ ...one, ip: `198.51.100.${i}`, path: '/ndjson' }),
    ).join('\n');
    const gz = await api(s, '/api/v1/ingest', {
      raw: gzipSync(`${nd}\n{"ip":"999.1.1.1","method":"GET","path":"/x","status":200,"timestamp":1}\n`),
      headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
    });
    expect(gz.status).toBe(200);
    expect(gz.json.accepted).toBe(50);
    expect(gz.json.errors[0]).toMatchObject({ line: 51 });
    expect(gz.json.errors[0].reason).toMatch(/^ip: not an IP address/);
    const raw = [clf('192.0.2.1', '/raw', 200), clf('192.0.2.2', '/raw', 404)].join('\n');
    const r = await api(s, '/api/v1/ingest?format=nginx_combined', { raw, headers: { 'content-type': 'text/plain' } });
    expect(r.json).toMatchObject({ accepted: 2, rejected: 0 });
    await eventually(async () => ((await countFor('/ndjson')) === 50 ? true : undefined));
    expect(await countFor('/json-one')).toBe(1);
    expect(await countFor('/raw')).toBe(2);
  });

  it('stores access-log lines sent over syslog UDP and TCP (RFC 3164 and 5424)', async () => {
    const udp = createSocket('udp4');
    for (let i = 0; i < 5; i++) {
      udp.send(
        `<190>Nov 21 07:00:00 web1 nginx: ${clf(`192.0.2.${10 + i}`, '/syslog-udp', 200)}`,
        s.udpPort!,
        '127.0.0.1',
      );
    }
    await new Promise((r) => setTimeout(r, 200));
    udp.close();
    const tcp = connect(s.tcpPort!, '127.0.0.1');
    await new Promise((r) => tcp.once('connect', r));
    for (let i = 0; i < 7; i++) {
      const msg = `<190>1 2026-11-21T07:00:00Z web1 nginx - - - ${clf(`192.0.2.${40 + i}`, '/syslog-tcp', 200)}`;
      tcp.write(`${Buffer.byteLength(msg)} ${msg}`);
    }
    tcp.end();
    await eventually(async () => ((await countFor('/syslog-tcp')) === 7 ? true : undefined));
    // UDP may drop on a loaded machine in principle; on loopback all five arrive.
    await eventually(async () => ((await countFor('/syslog-udp')) === 5 ? true : undefined));
  });

  it('enforces token scopes and leaves docs, health and metrics public', async () => {
    expect((await fetch(`${s.url}/api/v1/findings`)).status).toBe(401);
    const created = await api(s, '/api/v1/tokens', { body: { name: 'shipper', scopes: ['ingest'] } });
    expect(created.status).toBe(201);
    const ingestOnly = created.json.token as string;
    expect((await api(s, '/api/v1/findings', { token: ingestOnly })).status).toBe(403);
    expect((await api(s, '/api/v1/bans', { token: 'rmp_not-a-token-at-all' })).json.error.code).toBe('UNAUTHORIZED');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${s.url}/metrics`)).text()).toContain('rampart_events_stored_total');
    const doc = (await (await fetch(`${s.url}/api/docs/json`)).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/ingest',
      '/api/v1/bans',
      '/api/v1/reports/{id}/approve',
      '/v1/decisions/stream',
      '/api/v1/export/{format}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const audit = await api(s, '/api/v1/audit?action=token_change');
    expect(audit.json.records.map((r: { actor: string }) => r.actor)).toContain('token:admin');
  });
});
