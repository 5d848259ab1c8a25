/**
 * File tailing configured in `server.tail`, through both kinds of rotation while the server follows the
 * file: rename-and-create (logrotate's default) and copytruncate. Every line written is stored exactly
 * once; then a clean restart resumes from the checkpoint without repeating a line.
 */
import { appendFileSync, copyFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, DIST_BUILT, eventually, type ServeProcess, startServe, tempDir } from './serve-harness.js';

const tmp = tempDir('serve-tail');
const log = join(tmp.dir, 'access.log');
let s: ServeProcess | undefined;
afterAll(async () => {
  if (s) await s.stop();
  tmp.cleanup();
});

const NOW = Date.now();
const stamp = new Date(NOW - 60_000)
  .toUTCString()
  .replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
const lines = (from: number, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `192.0.2.${(from + i) % 250} - - [${stamp}] "GET /t/${from + i} HTTP/1.1" 200 10 "-" "curl/8"\n`,
  ).join('');

async function stored(srv: ServeProcess): Promise<Map<string, number>> {
  const r = await api(srv, `/api/v1/traffic/breakdown/path?from=${NOW - 3_600_000}&to=${NOW + 3_600_000}&limit=10000`);
  return new Map((r.json.rows as { key: string; requests: number }[]).map((x) => [x.key, x.requests]));
}
const waitFor = (srv: ServeProcess, n: number) =>
  eventually(async () => {
    const m = await stored(srv);
    return m.size >= n ? m : undefined;
  }, 60_000);

describe.skipIf(!DIST_BUILT)('rampart serve tail', () => {
  it('loses and repeats nothing through rename+create, copytruncate and a restart', async () => {
    writeFileSync(log, lines(0, 300));
    const cfg = `server:\n  tail:\n    - path: ${JSON.stringify(log)}\n      format: nginx_combined\n`;
    s = await startServe({ dataDir: join(tmp.dir, 'data'), configYaml: cfg });
    const token = s.token;
    await waitFor(s, 300);
    appendFileSync(log, lines(300, 100));
    renameSync(log, `${log}.1`); // logrotate: rename, then the server writes a new file
    appendFileSync(`${log}.1`, lines(400, 50)); // written by nginx before it reopened its log
    writeFileSync(log, lines(450, 200));
    await waitFor(s, 650);
    copyFileSync(log, `${log}.2`); // copytruncate
    truncateSync(log, 0);
    appendFileSync(log, lines(650, 150));
    let m = await waitFor(s, 800);
    expect([...m.values()].every((n) => n === 1)).toBe(true);
    expect(m.size).toBe(800);

    expect(await s.stop()).toBe(0);
    appendFileSync(log, lines(800, 100)); // written while the server was down
    s = await startServe({ dataDir: join(tmp.dir, 'data'), configYaml: cfg, token });
    m = await waitFor(s, 900);
    await new Promise((r) => setTimeout(r, 1500)); // time enough to show a repeat if there were one
    m = await stored(s);
    expect(m.size).toBe(900);
    expect([...m.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);
});
