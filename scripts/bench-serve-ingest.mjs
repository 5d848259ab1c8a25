#!/usr/bin/env node
/**
 * bench:ingest-http — sustained HTTP NDJSON ingest into a real `rampart serve`. This process is the load
 * generator; the server is a second process it spawns on a fresh data directory (port 0). Batches of
 * JSON events are pre-built (so the generator measures the server, not itself), posted by C concurrent
 * connections for D seconds; a 503 (backpressure) is retried after its Retry-After and counted.
 * Reports acknowledged (durable) events per second (wall and per server CPU second), 503s and the load average.
 * Usage: npm run bench:ingest-http -- [--seconds 20] [--concurrency 4] [--batch 5000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '4' },
    batch: { type: 'string', default: '5000' },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const batchSize = Number(values.batch);

const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-ingest-'));
const bin = join(import.meta.dirname, '..', 'packages/server/bin/rampart.js');
const server = spawn(process.execPath, [bin, 'serve', '--data', join(dir, 'data'), '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, RAMPART_CONFIG: '' },
});
let out = '';
const collect = (d) => {
  out += d;
};
server.stdout.on('data', collect);
server.stderr.on('data', collect);
while (!/admin token.*: (\S+)/.test(out)) {
  if (server.exitCode !== null) throw new Error(out);
  await new Promise((r) => setTimeout(r, 50));
}
const url = /listening on (http:\S+)/.exec(out)[1];
const token = /admin token.*: (\S+)/.exec(out)[1];
while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200)
  await new Promise((r) => setTimeout(r, 50));

// 64 distinct pre-built bodies: 50k addresses, realistic paths, user agents and statuses.
const now = Date.now();
const uas = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'curl/8.5.0',
  'python-requests/2.31.0',
];
const bodies = [];
let seq = 0;
for (let b = 0; b < 64; b++) {
  let text = '';
  for (let i = 0; i < batchSize; i++, seq++) {
    const ip = `${20 + (seq % 180)}.${(seq >> 3) & 255}.${(seq >> 11) & 255}.${(seq * 7) & 255}`;
    text += `${JSON.stringify({ ip, method: 'GET', path: `/api/items/${seq % 5000}`, status: seq % 17 === 0 ? 404 : 200, hostname: 'shop.example', timestamp: now - 600_000 + Math.floor(seq / 100), bytes: 1200 + (seq % 900), user_agent: uas[seq % 3] })}\n`;
  }
  bodies.push(text);
}

/** CPU seconds used so far by the server process (Linux /proc; the machine is shared, wall time is noisy). */
const serverCpu = () => {
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const cpu0 = serverCpu();
let accepted = 0;
let overloaded = 0;
let requests = 0;
const deadline = performance.now() + seconds * 1000;
const started = performance.now();
const cpuBefore = process.cpuUsage();
async function worker(w) {
  let i = w;
  while (performance.now() < deadline) {
    const res = await fetch(`${url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: bodies[i++ % bodies.length],
    });
    const answer = await res.json();
    requests++;
    if (res.status === 200) accepted += answer.accepted;
    else if (res.status === 503) {
      overloaded++;
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 100));
    } else throw new Error(`status ${res.status}: ${JSON.stringify(answer)}`);
  }
}
await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
const wall = (performance.now() - started) / 1000;
const genCpu = process.cpuUsage(cpuBefore);
const serverCpuSeconds = serverCpu() - cpu0;
const metrics = await (await fetch(`${url}/metrics`)).text();
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
rmSync(dir, { recursive: true, force: true });
const result = {
  bench: 'ingest-http',
  events: accepted,
  seconds: Number(wall.toFixed(1)),
  eventsPerSecond: Math.round(accepted / wall),
  requests,
  overloaded503: overloaded,
  batch: batchSize,
  concurrency,
  serverCpuSeconds: Number(serverCpuSeconds.toFixed(1)),
  eventsPerServerCpuSecond: Math.round(accepted / serverCpuSeconds),
  generatorCpuSeconds: Number(((genCpu.user + genCpu.system) / 1e6).toFixed(1)),
  storedByServer: Number(/rampart_events_stored_total\{source="http"\} (\d+)/.exec(metrics)?.[1] ?? 0),
  loadAverage: loadavg().map((x) => Number(x.toFixed(1))),
};
console.log(JSON.stringify(result, null, 1));
