// Benchmark of the enrich stage on one core: IP index build time, cached-index load time and resident
// memory (in a fresh process), uncached lookups per second over random public addresses (index alone and
// the full IpInfo through IpResolver), and cached enrichments per second through the enricher's caches.
// Needs a build (npm run build). Usage: npm run bench:enrich
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildIpIndex,
  configFromObject,
  createEnricher,
  formatIpv4,
  formatIpv6,
  IpResolver,
  loadIpIndex,
  makeRequestEvent,
  NetworkTypeClassifier,
  scopeOfV4,
  writeIpIndexFile,
} from '../packages/core/dist/index.js';

const mode = process.argv[2];
if (mode === 'load') {
  // Child process: what a fresh `rampart` pays to get the index.
  const rss0 = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { from } = loadIpIndex(process.argv[3] ? { cacheDir: process.argv[3] } : {});
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  const rss = process.memoryUsage().rss;
  console.log(JSON.stringify({ from, ms, cpuMs, rssMb: rss / 2 ** 20, deltaMb: (rss - rss0) / 2 ** 20 }));
  process.exit(0);
}

let seed = 42;
const rand32 = () => {
  // xorshift32: reproducible addresses across runs
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');
/** Runs fn, returning [wall ms, CPU ms of this process]: on a shared machine CPU time is the one-core figure. */
const timed = (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000];
};
const rates = (count, [wall, cpu]) => `${fmt(rate(count, cpu))}/s per CPU-second (${fmt(rate(count, wall))}/s wall)`;
const rate = (count, ms) => (count / ms) * 1000;

// 1. Build from the CSVs.
const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-enrich-'));
let built;
const [buildMs, buildCpuMs] = timed(() => {
  built = buildIpIndex();
});
writeIpIndexFile(built, join(dir, 'probe.bin'));

// 2. Load the cached file in a fresh process (after making sure the cache exists).
loadIpIndex();
const loads = [0, 1, 2].map(() =>
  JSON.parse(execFileSync(process.execPath, [new URL(import.meta.url).pathname, 'load'], { encoding: 'utf8' })),
);
const load = loads.sort((a, b) => a.ms - b.ms)[1];

// 3. Uncached lookups over random public addresses.
const index = loadIpIndex().index;
const N = 1_000_000;
const v4 = new Uint32Array(N);
for (let i = 0; i < N; ) {
  const x = rand32();
  if (scopeOfV4(x) === 'public') v4[i++] = x;
}
const v4Text = Array.from(v4.subarray(0, 300_000), formatIpv4);
const v6Text = Array.from({ length: 100_000 }, () => {
  const hi = (0x2000n + BigInt(rand32() % 0x1000)) << 112n;
  return formatIpv6(hi | (BigInt(rand32()) << 80n) | BigInt(rand32()));
});
let sink = 0;
const rawT = timed(() => {
  for (let i = 0; i < N; i++) sink += index.lookupV4(v4[i]).asn ?? 0;
});

// The network type is memoised per ASN (name rules run once per ASN), so time the first pass (cold:
// every new ASN is classified) and a second pass (warm memo: the steady state of a long run).
const resolve = (list) => {
  const resolver = new IpResolver({ index, classifier: new NetworkTypeClassifier() });
  const pass = () => {
    for (const ip of list) sink += resolver.resolve(ip).asn ?? 0;
  };
  const cold = timed(pass);
  return { cold: rates(list.length, cold), warm: rates(list.length, timed(pass)) };
};
const resolveV4 = resolve(v4Text);
const resolveV6 = resolve(v6Text);

// 4. Cached: a stream of events over 10,000 distinct addresses and 50 user agents.
const enrichConfig = configFromObject({}).enrich;
const enricher = createEnricher(enrichConfig, { ipIndex: index, crawlerVerifier: false });
const uas = Array.from(
  { length: 50 },
  (_, i) => `Mozilla/5.0 (X11; Linux x86_64) Chrome/${80 + i}.0.0.0 Safari/537.36`,
);
const events = Array.from({ length: 200_000 }, (_, i) =>
  makeRequestEvent({ ts: i, ip: v4Text[i % 10_000], method: 'GET', path: '/', status: 200, userAgent: uas[i % 50] }),
);
for (const e of events) sink += enricher.enrich(e).subnet.length; // fill the caches
const lookupsBefore = index.lookups;
const M = 5_000_000;
const cachedT = timed(() => {
  for (let i = 0; i < M; i++) sink += enricher.enrich(events[i % events.length]).net.asn ?? 0;
});

rmSync(dir, { recursive: true, force: true });
console.log(
  `node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (other processes share the cores)`,
);
console.log(`data: ${index.meta.asnSource}, ${index.meta.countrySource}`);
console.log(
  `index build from CSVs            ${(buildCpuMs / 1000).toFixed(2)} s CPU (${(buildMs / 1000).toFixed(2)} s wall)`,
);
console.log(
  `cached index load (fresh process) ${load.ms.toFixed(0)} ms wall, ${load.cpuMs.toFixed(0)} ms CPU (from ${load.from})`,
);
console.log(
  `resident memory after load       ${load.rssMb.toFixed(0)} MB (index and its strings: +${load.deltaMb.toFixed(0)} MB)`,
);
console.log(`uncached lookups, index only     ${rates(N, rawT)} (IPv4 numbers, random public)`);
console.log(`uncached IpInfo, IPv4 text       ${resolveV4.warm} (ASN memo warm)`);
console.log(`  first pass, ASNs classified too ${resolveV4.cold}`);
console.log(`uncached IpInfo, IPv6 text       ${resolveV6.warm}`);
console.log(`  first pass                     ${resolveV6.cold}`);
const asnCount = index.tables.orgAsns.length;
const c = new NetworkTypeClassifier();
const t = performance.now();
for (let i = 0; i < asnCount; i++) sink += c.classifyAsn(index.tables.orgAsns[i], index.tables.orgNames[i]).type.length;
const classifyMs = performance.now() - t;
console.log(
  `classify every ASN once          ${asnCount} ASNs in ${(classifyMs / 1000).toFixed(2)} s (${((classifyMs * 1000) / asnCount).toFixed(1)} µs each)`,
);
console.log(`cached enrich() through caches   ${rates(M, cachedT)}, ${index.lookups - lookupsBefore} index lookups`);
if (sink === 0.5) console.log('');
