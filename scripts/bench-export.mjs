// Benchmark: rendering large ban lists in each export format, and CrowdSec stream polls, on one core.
// 100,000 entries (90k IPv4 addresses, 5k IPv4 /24 networks, 5k IPv6 /64 networks), all validated,
// collapsed and rendered. Needs a build (npm run build). Usage: npm run bench:export
import { parseDecisionFilter, pollDecisionStream } from '../packages/core/dist/index.js';
import { findExporter } from '../packages/server/dist/export/registry.js';

const N = Number(process.env.BENCH_ENTRIES ?? 100_000);
const now = Date.UTC(2026, 10, 21, 8);
const entries = [];
for (let i = 0; i < N; i++) {
  const r = i % 20;
  const a = 11 + (i % 200);
  const b = (i >>> 8) & 255;
  const c = i & 255;
  let kind = 'ip';
  let value = `${a}.${b}.${c}.${(i * 7) & 255}`;
  if (r === 18) {
    kind = 'cidr';
    value = `${a + 1}.${c}.${b}.0/24`;
  } else if (r === 19) {
    kind = 'cidr';
    value = `2001:db8:${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}::/64`;
  }
  entries.push({
    id: `b${i}`,
    kind,
    value,
    mode: i % 10 === 0 ? 'throttle' : 'ban',
    service: undefined,
    origin: 'detector',
    reason: 'bench',
    findingId: undefined,
    reportId: undefined,
    createdAt: now - 3_600_000,
    expiresAt: now + 3_600_000,
    offence: 0,
    actor: 'bench',
  });
}

function time(label, fn, rounds = 3) {
  fn(); // warm-up
  const t0 = process.hrtime.bigint();
  let out;
  for (let i = 0; i < rounds; i++) out = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / rounds;
  console.log(
    `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  (${Math.round((N / ms) * 1000).toLocaleString('en')} entries/s)`,
  );
  return out;
}

console.log(`node ${process.version}, ${N.toLocaleString('en')} entries`);
for (const id of [
  'json',
  'csv',
  'plain',
  'iptables',
  'ipset',
  'nftables',
  'nginx_geo',
  'haproxy',
  'aws_waf_ipv4',
  'crowdsec',
]) {
  const r = time(`export ${id}`, () => findExporter(id).render(entries, { now }));
  if (id === 'nftables')
    console.log(`  nftables file: ${(r.text.length / 1e6).toFixed(1)} MB, ${r.counts.written} elements`);
}
const filter = parseDecisionFilter(new URLSearchParams());
const start = time('crowdsec stream startup poll', () =>
  pollDecisionStream(entries, undefined, { now, startup: true, filter }),
);
const changed = entries.slice(1);
time('crowdsec stream delta poll (1 unban)', () =>
  pollDecisionStream(changed, start.cursor, { now: now + 10_000, startup: false, filter }),
);
const cursorBytes = JSON.stringify(start.cursor).length;
console.log(`cursor per bouncer: ${(cursorBytes / 1e6).toFixed(1)} MB as JSON`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
