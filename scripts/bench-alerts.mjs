// Benchmark: alert dispatcher costs on one core, with the SQLite state store on a temporary file.
// (1) emit() — what detection pays per event; (2) intake of a burst folded into a digest (dedup key,
// digest message and outbox index written to SQLite per event); (3) deliveries per second to a local
// HTTP receiver. Needs a build (npm run build). Usage: npm run bench:alerts
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlertDispatcher, openSqliteStateStore } from '../packages/server/dist/index.js';

const finding = (i) => ({
  id: `f${i}`,
  detector: 'brute_force',
  service: 'api',
  entity: { kind: 'ip', value: `198.51.${(i >> 8) & 255}.${i & 255}` },
  category: 'brute_force',
  score: 0.9,
  confidence: 0.9,
  summary: `failed logins from client ${i}`,
  signals: [],
  recommendation: {
    action: 'ban',
    scope: 'ip',
    target: `198.51.100.${i & 255}`,
    ttlSeconds: 3600,
    reason: 'x',
    abuseReport: false,
  },
  enrichment: {
    asn: 64500,
    org: 'Example',
    country: 'US',
    networkType: 'hosting',
    prefix: undefined,
    abuseContact: undefined,
    crawler: undefined,
  },
  first_seen: '2026-01-10T11:00:00.000Z',
  last_seen: '2026-01-10T11:30:00.000Z',
  requests: 100,
  evidence: [],
  ips: undefined,
});
const report = (i) => ({
  id: `r${i}`,
  service: 'api',
  from: '2026-01-10T11:00:00Z',
  to: '2026-01-10T12:00:00Z',
  summary: `${i}`,
  createdAt: Date.now(),
  status: 'pending',
  findings: [finding(i), finding(i + 1)],
  items: [],
  abuseDrafts: [],
});
const base = {
  allowPrivateTargets: true,
  digest: { windowSeconds: 300, threshold: 5 },
  rateLimit: { perMinute: 1e6 },
  retry: { maxAttempts: 3, baseSeconds: 1, maxSeconds: 10, timeoutSeconds: 5 },
  queueLimit: 100_000,
  channels: [],
};
const store = () =>
  openSqliteStateStore(join(mkdtempSync(join(tmpdir(), 'bench-alerts-')), 'state.db'), {
    escalation: { ladderSeconds: [3600], lookbackSeconds: 86400 },
  });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/hook`;
const filters = { events: [], services: [], categories: [], minScore: 0 };

{
  // (1) emit with a channel whose filter rejects everything after intake.
  const s = store();
  const d = createAlertDispatcher(
    {
      ...base,
      queueLimit: 200_000,
      channels: [{ id: 'h', type: 'webhook', url, filters: { ...filters, services: ['other'] } }],
    },
    { stateStore: s },
  );
  const events = Array.from({ length: 100_000 }, (_, i) => ({ type: 'report.created', report: report(i) }));
  const t0 = process.hrtime.bigint();
  for (const e of events) d.emit(e);
  const t1 = process.hrtime.bigint();
  await d.idle();
  const t2 = process.hrtime.bigint();
  console.log(
    `emit: ${(Number(t1 - t0) / 1e5).toFixed(0)} ns/event; filtered intake: ${(1e5 / (Number(t2 - t1) / 1e9)).toFixed(0)} events/s`,
  );
  await d.close();
  await s.close();
}
for (const n of [1000, 5000]) {
  // (2) a burst folded into one digest.
  const s = store();
  const d = createAlertDispatcher(
    { ...base, channels: [{ id: 'h', type: 'webhook', url, filters }] },
    { stateStore: s },
  );
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) d.emit({ type: 'report.created', report: report(i) });
  await d.idle();
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`digest burst of ${n}: ${(n / sec).toFixed(0)} events/s into the outbox (${sec.toFixed(2)} s)`);
  await d.close();
  await s.close();
}
{
  // (3) individual deliveries to a local receiver.
  const s = store();
  const n = 1000;
  const d = createAlertDispatcher(
    {
      ...base,
      digest: { windowSeconds: 1, threshold: 1e6 },
      channels: [{ id: 'h', type: 'webhook', url, secret: 'bench-secret-0123456789', filters }],
    },
    { stateStore: s },
  );
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) d.emit({ type: 'report.created', report: report(i) });
  while (d.counters().delivered < n) await new Promise((r) => setTimeout(r, 10));
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`deliveries: ${n} signed webhooks in ${sec.toFixed(2)} s = ${(n / sec).toFixed(0)}/s`);
  await d.close();
  await s.close();
}
server.close();
