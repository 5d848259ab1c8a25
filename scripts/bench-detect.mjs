#!/usr/bin/env node
// Benchmark of the detect stage (run `npm run build` first; uses packages/core/dist).
//   node scripts/bench-detect.mjs stages <access.log>   parse / +enrich / +detect throughput on one core
//   node scripts/bench-detect.mjs stream <access.log>   parse → enrich → detect line by line from ~96 KB chunks
//                                                       (as `analyze` reads), nothing kept: CPU, GC, peak RSS
//                                                       (RSS includes the whole file, read into memory first)
//   node scripts/bench-detect.mjs memory [addresses]     a synthetic day with N distinct addresses: heap and per-key bytes
// Prints one JSON object per measurement; docs/benchmarks/detect.md records the figures.
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import {
  CrawlerVerifier,
  configFromObject,
  createDetectionEngine,
  createEnricher,
  createParser,
  makeRequestEvent,
} from '../packages/core/dist/index.js';

const [mode = 'stages', arg] = process.argv.slice(2);
// CPU time of this process (user + system), in ms: fairer than wall time on a shared machine.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const config = configFromObject({});

function enricher() {
  return createEnricher(config.enrich, { crawlerVerifier: new CrawlerVerifier({ rdns: false }) });
}

function stages(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const parser = createParser('nginx_combined', {});
  const events = [];
  let t = cpuMs();
  for (let i = 0; i < lines.length; i++) {
    const r = parser.parse(lines[i], path, i + 1);
    if (r.kind === 'event') events.push(r.event);
  }
  const parseMs = cpuMs() - t;
  const enrich = enricher();
  const enriched = new Array(events.length);
  t = cpuMs();
  for (let i = 0; i < events.length; i++) enriched[i] = enrich.enrich(events[i]);
  const enrichMs = cpuMs() - t;
  const engine = createDetectionEngine(config.detect);
  t = cpuMs();
  for (let i = 0; i < enriched.length; i++) engine.observe(enriched[i]);
  engine.evaluate();
  const detectMs = cpuMs() - t;
  const rate = (ms) => Math.round(lines.length / (ms / 1000));
  console.log(
    JSON.stringify({
      lines: lines.length,
      parseLinesPerSec: rate(parseMs),
      enrichLinesPerSec: rate(enrichMs),
      detectLinesPerSec: rate(detectMs),
      endToEndLinesPerSec: rate(parseMs + enrichMs + detectMs),
      findings: engine.findings().length,
      stats: engine.stats(),
    }),
  );
}

// Like `analyze`: each ~96 KB piece of the file is decoded to one string and lines are cut out of it, so
// that strings kept by a stage pin chunks exactly as they do in `analyze` (stages() keeps every event).
function stream(path) {
  const buf = readFileSync(path);
  const parser = createParser('nginx_combined', {});
  const enrich = enricher();
  const engine = createDetectionEngine(config.detect);
  const gc = { count: 0, ms: 0 };
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const t = cpuMs();
  let lineNo = 0;
  for (let pos = 0; pos < buf.length; ) {
    let end = Math.min(buf.length, pos + 96 * 1024);
    if (end < buf.length) end = buf.lastIndexOf(10, end - 1) + 1;
    if (end <= pos) end = buf.length;
    const text = buf.toString('latin1', pos, end);
    pos = end;
    for (let p = 0; p < text.length; ) {
      let nl = text.indexOf('\n', p);
      if (nl < 0) nl = text.length;
      lineNo++;
      if (nl > p) {
        const r = parser.parse(text.slice(p, nl), path, lineNo);
        if (r.kind === 'event') engine.observe(enrich.enrich(r.event));
      }
      p = nl + 1;
    }
  }
  engine.evaluate();
  const ms = cpuMs() - t;
  // GC entries are delivered asynchronously: read them a moment later.
  setTimeout(() => {
    obs.disconnect();
    console.log(
      JSON.stringify({
        lines: lineNo,
        cpuSeconds: Math.round(ms) / 1000,
        linesPerCpuSecond: Math.round(lineNo / (ms / 1000)),
        gcCount: gc.count,
        gcPauseMs: Math.round(gc.ms),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        findings: engine.findings().length,
      }),
    );
  }, 100);
}

function memory(n) {
  // A day in which every address is seen a few times: the worst case for per-key state. The enricher's
  // address cache is sized to hold every address: evicting from it on every miss is the enricher's cost,
  // not detection's, and is measured by bench:enrich.
  const engine = createDetectionEngine(config.detect);
  const big = configFromObject({ enrich: { addressCacheSize: n + 1 } });
  const enrich = createEnricher(big.enrich, { crawlerVerifier: new CrawlerVerifier({ rdns: false }) });
  const day = Date.UTC(2026, 10, 20);
  const perAddress = 3;
  const total = n * perAddress;
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < total; i++) {
    const a = i % n;
    const ip = `${11 + (a >>> 24)}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
    const ts = day + Math.floor((i / total) * 86_400_000);
    const req = makeRequestEvent({
      ts,
      ip,
      method: 'GET',
      path: `/products/${a % 5000}`,
      status: 200,
      bytes: 20_000,
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      source: 'synthetic',
      line: i + 1,
    });
    engine.observe(enrich.enrich(req));
  }
  engine.evaluate(day + 86_400_000 - 1);
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  const stats = engine.stats();
  const keys = stats.keys.ip + stats.keys.subnet + stats.keys.asn;
  console.log(
    JSON.stringify({
      addresses: n,
      events: total,
      liveKeys: stats.keys,
      heapMB: Math.round((after - before) / 1e6),
      bytesPerKey: Math.round((after - before) / keys),
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    }),
  );
}

if (mode === 'stages') stages(arg ?? 'access.log');
else if (mode === 'stream') stream(arg ?? 'access.log');
else memory(Number(arg ?? 1_000_000));
