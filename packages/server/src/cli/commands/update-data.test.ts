import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../../../../../test/support/shared-data.js';
import { main } from '../main.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-update-data-'));
const X4B = 'reference/datacenter_asn/x4bnet_datacenter_ASN.txt';
// The shared X4BNet list when present (CI has it), else a few lines in its format.
const asnList = HAS_SHARED_DATA ? readFileSync(sharedPath(X4B), 'utf8') : 'AS20712 # test\nAS64496 # Example\n';
let server: Server;
let origin = '';
const sockets = new Set<Socket>();
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/x4bnet.txt') return void res.end(asnList);
    if (req.url === '/proxies.txt') return void res.end('# proxies\n81.2.69.0/24\n');
    if (req.url === '/html') return void res.end('<html>maintenance</html>');
    if (req.url === '/hang') return; // never answers
    res.writeHead(404).end('not found');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

function configWith(feeds: Array<{ path: string; kind: string; type: string; name?: string }>): string {
  const file = join(root, `config-${hits.length}-${Math.random().toString(36).slice(2)}.yaml`);
  const lines = feeds.flatMap((f) => [
    `    - url: ${origin}${f.path}`,
    `      kind: ${f.kind}`,
    `      networkType: ${f.type}`,
    ...(f.name ? [`      name: ${f.name}`] : []),
  ]);
  writeFileSync(file, ['enrich:', '  feeds:', ...lines, ''].join('\n'));
  return file;
}

async function run(args: string[], dataDir: string) {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'rampart', ...args], {
    stdout: out.stream,
    stderr: err.stream,
    env: { RAMPART_DATA: dataDir },
    cwd: root,
  });
  return { code, out: out.text(), err: err.text() };
}

describe('rampart update-data', () => {
  it('lists what it would download without downloading anything', async () => {
    const before = hits.length;
    const cfg = configWith([{ path: '/x4bnet.txt', kind: 'asn-list', type: 'hosting', name: 'x4bnet' }]);
    const r = await run(['update-data', '-c', cfg, '--list'], join(root, 'list'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('feed:x4bnet\tfeeds/x4bnet.txt');
    expect(r.out).toContain('crawler-ranges:googlebot');
    expect(hits.length).toBe(before);
    expect(existsSync(join(root, 'list'))).toBe(false);
  });

  it('downloads feeds into the data dir, and lookup then classes addresses by them', async () => {
    const data = join(root, 'ok');
    const cfg = configWith([
      { path: '/x4bnet.txt', kind: 'asn-list', type: 'hosting', name: 'x4bnet' },
      { path: '/proxies.txt', kind: 'cidr-list', type: 'hosting', name: 'proxies' },
    ]);
    const r = await run(['update-data', '-c', cfg, '--only', 'feed:x4bnet', '--only', 'feed:proxies'], data);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(data, 'feeds/x4bnet.txt'), 'utf8')).toBe(asnList);
    const look = await run(['lookup', '81.2.69.160', '--no-rdap', '--json', '-c', cfg], data);
    const [res] = JSON.parse(look.out).results;
    expect(res).toMatchObject({ networkType: 'hosting', sources: { networkType: 'feed:proxies' } });
  });

  it('keeps the previous file and says why when a download fails, times out or is not a list', async () => {
    const data = join(root, 'fail');
    const good = configWith([{ path: '/proxies.txt', kind: 'cidr-list', type: 'hosting', name: 'p' }]);
    expect((await run(['update-data', '-c', good, '--only', 'feed:p'], data)).code).toBe(0);
    const cases = [
      { path: '/missing', reason: 'HTTP 404' },
      { path: '/html', reason: 'no networks in the response' },
      { path: '/hang', reason: 'no answer within 300 ms' },
    ];
    for (const c of cases) {
      const cfg = configWith([{ path: c.path, kind: 'cidr-list', type: 'hosting', name: 'p' }]);
      const r = await run(['update-data', '-c', cfg, '--only', 'feed:p', '--timeout', '300'], data);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`FAIL  feed:p  ${origin}${c.path}: `);
      expect(r.out).toContain(c.reason);
      expect(readFileSync(join(data, 'feeds/p.txt'), 'utf8')).toContain('81.2.69.0/24');
    }
    // A port nothing listens on: take a free one and close it again.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const refused = configWith([{ path: '/x', kind: 'cidr-list', type: 'hosting', name: 'p' }]);
    writeFileSync(refused, readFileSync(refused, 'utf8').replace(origin, `http://127.0.0.1:${closedPort}`));
    const r = await run(['update-data', '-c', refused, '--only', 'feed:p', '--timeout', '2000'], data);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL  feed:p  http://127.0.0.1:${closedPort}/x: ECONNREFUSED`);
  });

  it('rejects unknown item names with the list of known ones', async () => {
    const r = await run(['update-data', '--only', 'nope'], join(root, 'unknown'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown item nope; known: crawler-ranges:');
  });
});
