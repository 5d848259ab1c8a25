// Benchmark: decide stage on one core. (1) impact simulation over synthetic request events (events/s);
// (2) SQLite state store: bans added one per transaction with synchronous=FULL (what a power-safe write
// costs), listing active bans, the change feed, and verifying the audit chain.
// Needs a build (npm run build). Usage: npm run bench:decisions  (BENCH_EVENTS, BENCH_BANS to resize)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateBans, makeRequestEvent, simulate } from '../packages/core/dist/index.js';
import { openSqliteStateStore } from '../packages/server/dist/store/sqlite/sqlite-state-store.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BANS = Number(process.env.BENCH_BANS ?? 5_000);
const T = Date.UTC(2026, 0, 10);
const mem = () => `${Math.round(process.memoryUsage().rss / 1e6)} MB rss`;

// 100k distinct IPv4 clients, 500 paths, 20 hosts; 1,000 candidate entries (900 addresses, 100 /24s).
const events = [];
for (let i = 0; i < EVENTS; i++) {
  const c = (i * 2654435761) % 100_000;
  events.push(
    makeRequestEvent({
      ts: T + i,
      ip: `10.${c >>> 16}.${(c >>> 8) & 255}.${c & 255}`,
      method: 'GET',
      path: `/api/items/${i % 500}`,
      status: 200,
      host: `h${i % 20}.example.com`,
    }),
  );
}
const values = [];
for (let i = 0; i < 900; i++) values.push(`10.0.${(i * 37) & 255}.${i & 255}`);
for (let i = 0; i < 100; i++) values.push(`10.1.${i}.0/24`);
const { entries } = candidateBans(values);
const findings = values.slice(0, 450).map((v) => ({ id: v, entity: { kind: 'ip', value: v }, ips: undefined }));

let t0 = performance.now();
const r = await simulate(events, { bans: entries, findings });
let s = (performance.now() - t0) / 1000;
console.log(
  `simulate: ${EVENTS.toLocaleString()} events, ${entries.length} candidates, ${r.total.addresses} addresses`,
);
console.log(
  `  ${s.toFixed(2)} s, ${Math.round(EVENTS / s).toLocaleString()} events/s, blocked ${r.blocked.requests}, ${mem()}`,
);

const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
const store = openSqliteStateStore(join(dir, 'state.db'), {
  escalation: { ladderSeconds: [3600, 21600, 86400, 604800], lookbackSeconds: 30 * 86400 },
});
t0 = performance.now();
for (let i = 0; i < BANS; i++) {
  await store.bans.add(
    { value: `198.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`, reason: 'bench' },
    { actor: 'bench', now: T + i },
  );
}
s = (performance.now() - t0) / 1000;
console.log(`state store (SQLite file, WAL, synchronous=FULL): ${BANS.toLocaleString()} bans.add`);
console.log(
  `  ${s.toFixed(2)} s, ${Math.round(BANS / s).toLocaleString()} adds/s (each: overlap check, escalation count, ban + audit record in one transaction)`,
);
t0 = performance.now();
const active = await store.bans.list({ now: T + BANS });
console.log(`  list ${active.length.toLocaleString()} active bans: ${(performance.now() - t0).toFixed(1)} ms`);
t0 = performance.now();
const changes = await store.bans.changesSince(0, T + BANS);
console.log(
  `  changesSince(0): ${changes.added.length.toLocaleString()} added in ${(performance.now() - t0).toFixed(1)} ms`,
);
t0 = performance.now();
const v = await store.audit.verify();
console.log(
  `  audit verify: ${v.checked.toLocaleString()} records, ok=${v.ok}, ${(performance.now() - t0).toFixed(1)} ms`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
