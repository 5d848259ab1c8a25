#!/usr/bin/env node
/**
 * bench:queries — p50/p95 latency of the dashboard's main traffic queries (series, breakdowns by ip, path,
 * asn and country, totals; each with and without an entity filter) on N stored events (default 10 M).
 * The events are synthesised inside DuckDB (INSERT … SELECT over range(N): 24 h, ~400k addresses with a
 * heavy-tailed distribution, 20k paths, 3k ASNs, 60 countries) so building the store takes seconds;
 * queries then go through DuckDbEventStore exactly as the API calls them. CPU time per query (all threads
 * of this process, DuckDB's included) is the figure to compare A/B on a busy machine.
 * Usage: npm run bench:queries -- [--events 10000000] [--runs 9] (needs a build)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbEventStore } from '../packages/server/dist/store/duckdb/duckdb-event-store.js';
import * as schema from '../packages/server/dist/store/duckdb/schema.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '9' } },
});
const N = Number(values.events);
const runs = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-queries-'));
const path = join(dir, 'events.duckdb');
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20);

await (await DuckDbEventStore.open({ path })).close();
let t = performance.now();
const instance = await DuckDBInstance.create(path);
const c = await instance.connect();
// Address rank is heavy-tailed (a few busy clients, a long tail): rank = floor(400k * u^3).
await c.run(`INSERT INTO events (${schema.EVENT_COLUMNS.join(', ')})
  SELECT * FROM (SELECT ${T0} + (i * ${DAY} // ${N}) AS ts,
    '10.' || (r // 65536) || '.' || ((r // 256) % 256) || '.' || (r % 256) AS ip,
    (167772160 + r)::UINTEGER AS ip4, NULL, NULL,
    CASE WHEN i % 10 = 0 THEN 'POST' ELSE 'GET' END,
    'shop.example', '/items/' || (hash(i) % 20000), '/items/:id', '', 
    CASE WHEN i % 23 = 0 THEN 404 WHEN i % 97 = 0 THEN 500 ELSE 200 END::SMALLINT,
    1000 + (i % 5000), NULL, '', 'Mozilla/5.0', 'HTTP/1.1', NULL, NULL, NULL,
    'C' || (r % 60), (64500 + (r % 3000))::UINTEGER, 'Org ' || (r % 3000),
    CASE WHEN r % 5 = 0 THEN 'hosting' ELSE 'residential' END, 'browser', 'Chrome', NULL, NULL,
    'default', 'bench', i
  FROM (SELECT i, (floor(400000 * pow((hash(i * 7919) % 1000000) / 1000000.0, 3)))::BIGINT AS r FROM range(${N}) t(i))) e(${schema.EVENT_COLUMNS.join(', ')})`);
// Rows inserted by hand: the store derives its key columns and rollup from them when it opens next
// (the same path as opening a store written by an older version).
await c.run('DELETE FROM store_meta').catch(() => undefined);
c.closeSync();
instance.closeSync();
const buildSeconds = (performance.now() - t) / 1000;

t = performance.now();
const store = await DuckDbEventStore.open({ path });
const deriveSeconds = (performance.now() - t) / 1000;
console.log(
  `built ${N} events in ${buildSeconds.toFixed(1)} s; derived keys and rollup in ${deriveSeconds.toFixed(1)} s`,
);
const range = { from: T0, to: T0 + DAY };
const entities = { ips: ['10.0.0.1', '10.0.0.2', '10.0.1.7'], cidrs: ['10.0.2.0/24'], asns: [64501] };
const queries = {
  'series 1m': (f) => store.series({ range, stepMs: 60_000, splitByStatusClass: true, ...f }),
  'breakdown ip': (f) => store.breakdown({ range, dimension: 'ip', limit: 50, ...f }),
  'breakdown path': (f) => store.breakdown({ range, dimension: 'path', limit: 50, ...f }),
  'breakdown asn': (f) => store.breakdown({ range, dimension: 'asn', limit: 50, ...f }),
  'breakdown country': (f) => store.breakdown({ range, dimension: 'country', limit: 50, ...f }),
  totals: (f) => store.totals({ range, ...f }),
};
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const results = [];
for (const [name, q] of Object.entries(queries)) {
  for (const [variant, f] of [
    ['all', {}],
    ['entities', { filter: { entities } }],
    ['excluding entities', { filter: { entities, excludeEntities: true } }],
  ]) {
    await q(f); // warm
    const ms = [];
    const cpuMs = [];
    for (let i = 0; i < runs; i++) {
      const cpu0 = process.cpuUsage();
      t = performance.now();
      await q(f);
      ms.push(performance.now() - t);
      const cpu = process.cpuUsage(cpu0);
      cpuMs.push((cpu.user + cpu.system) / 1000);
    }
    const r = {
      query: name,
      filter: variant,
      p50: Math.round(pct(ms, 0.5)),
      p95: Math.round(pct(ms, 0.95)),
      cpuP50: Math.round(pct(cpuMs, 0.5)),
    };
    results.push(r);
    console.log(
      `${r.query.padEnd(18)} ${r.filter.padEnd(20)} p50 ${String(r.p50).padStart(5)} ms  p95 ${String(r.p95).padStart(5)} ms  CPU p50 ${String(r.cpuP50).padStart(5)} ms`,
    );
  }
}
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'queries',
    events: N,
    buildSeconds: Number(buildSeconds.toFixed(1)),
    deriveSeconds: Number(deriveSeconds.toFixed(1)),
    runs,
    results,
    loadAverage: loadavg().map((x) => Number(x.toFixed(1))),
  }),
);
