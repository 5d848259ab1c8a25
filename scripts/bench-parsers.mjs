#!/usr/bin/env node
/**
 * Parser micro-benchmark: lines/s and MB/s of every format's parser on one core, against the built core
 * (`npm run build` first). The traffic comes from scripts/generate-nginx-log.mjs (seeded); its nginx
 * lines are re-rendered into every other format so all parsers see the same clients, paths and agents.
 * Each format is timed in a child process of its own (as `analyze` runs one format per process: no heap
 * or JIT state shared between formats). Reports wall-clock and process CPU time (the latter is steadier
 * on a shared machine).
 *
 *   node scripts/bench-parsers.mjs [--lines 200000] [--passes 5] [--formats nginx_combined,cloudflare]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    passes: { type: 'string', default: '5' },
    formats: { type: 'string' },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});
const LINES = Number(values.lines);
const PASSES = Number(values.passes);

let core;
try {
  core = await import('../packages/core/dist/index.js');
} catch {
  process.stderr.write('bench-parsers: build the core first (npm run build)\n');
  process.exit(2);
}
const { createParser } = core;

if (values.child) {
  // Child: time one format on the lines in --file and print one JSON result.
  const lines = readFileSync(values.file, 'utf8').split('\n').filter(Boolean);
  const parser = createParser(values.child, {});
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  let ok = 0;
  for (const l of lines) if (parser.parse(l, 'bench', 1).kind === 'event') ok++; // warm-up, and correctness
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < PASSES; p++) {
    for (let i = 0; i < lines.length; i++) parser.parse(lines[i], 'bench', i + 1);
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuUsed = process.cpuUsage(cpu0);
  const n = lines.length * PASSES;
  process.stdout.write(
    JSON.stringify({
      lines: lines.length,
      events: ok / lines.length,
      wall: n / wall,
      cpu: n / ((cpuUsed.user + cpuUsed.system) / 1e6),
      mbps: (bytes * PASSES) / wall / 1e6,
      bytesPerLine: bytes / lines.length,
    }),
  );
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-parsers-'));
const generate = (format) => {
  const out = join(dir, `${format}.log`);
  execFileSync(process.execPath, [
    fileURLToPath(new URL('./generate-nginx-log.mjs', import.meta.url)),
    '--lines',
    String(LINES),
    '--format',
    format,
    '--out',
    out,
  ]);
  return readFileSync(out, 'utf8').split('\n').filter(Boolean);
};
const nginxLines = generate('nginx');
const cloudflareLines = generate('cloudflare');

// Events of the nginx lines, re-rendered below into each format.
const source = createParser('nginx_combined', {});
const events = [];
for (const l of nginxLines) {
  const r = source.parse(l, 'gen', 0);
  if (r.kind === 'event') events.push(r.event);
}

const iso = (ms) => new Date(ms).toISOString();
const clf = (ms) => {
  const d = new Date(ms);
  const mon = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[d.getUTCMonth()];
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};
const target = (e) => (e.query ? `${e.path}?${e.query}` : e.path);
const dash = (s) => s || '-';
const q = (s) => JSON.stringify(s);
const withPort = (ip) => (ip.includes(':') ? `[${ip}]:44321` : `${ip}:44321`);

const RENDER = {
  nginx_combined: null,
  cloudflare: null,
  nginx_main: (_e, raw) => `${raw} "-"`,
  apache_combined: (_e, raw) => raw,
  apache_common: (e) =>
    `${e.ip} - - [${clf(e.ts)} +0000] "${e.method} ${target(e)} ${e.protocol}" ${e.status} ${e.bytes}`,
  apache_vhost_combined: (_e, raw) => `shop.example.com:443 ${raw}`,
  host_combined: (_e, raw) => `shop.example.com ${raw}`,
  nginx_json: (e) =>
    `{"time_iso8601":"${iso(e.ts).slice(0, 19)}+00:00","remote_addr":"${e.ip}","remote_user":"","request":${q(`${e.method} ${target(e)} ${e.protocol}`)},"status":"${e.status}","body_bytes_sent":"${e.bytes}","request_time":"0.012","http_referer":${q(e.referer)},"http_user_agent":${q(e.userAgent)},"http_x_forwarded_for":"","host":"shop.example.com"}`,
  caddy: (e) =>
    `{"level":"info","ts":${e.ts / 1000},"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"${e.ip}","remote_port":"44321","client_ip":"${e.ip}","proto":"${e.protocol}","method":"${e.method}","host":"shop.example.com","uri":${q(target(e))},"headers":{"User-Agent":[${q(e.userAgent)}],"Accept":["*/*"]}},"bytes_read":0,"user_id":"","duration":0.0123,"size":${e.bytes},"status":${e.status},"resp_headers":{"Server":["Caddy"]}}`,
  traefik: (e) =>
    `{"ClientAddr":"${withPort(e.ip)}","ClientHost":"${e.ip}","ClientPort":"44321","ClientUsername":"-","DownstreamContentSize":${e.bytes},"DownstreamStatus":${e.status},"Duration":12345678,"OriginStatus":${e.status},"RequestHost":"shop.example.com","RequestMethod":"${e.method}","RequestPath":${q(target(e))},"RequestProtocol":"${e.protocol}","StartUTC":"${iso(e.ts)}","level":"info","msg":"","request_User-Agent":${q(e.userAgent)},"time":"${iso(e.ts).slice(0, 19)}Z"}`,
  envoy: (e) =>
    `{":authority":"shop.example.com","bytes_received":0,"bytes_sent":${e.bytes},"downstream_local_address":"10.42.0.77:10443","downstream_remote_address":"${withPort(e.ip)}","duration":12,"method":"${e.method}","protocol":"${e.protocol}","response_code":${e.status},"response_flags":"-","start_time":"${iso(e.ts)}","user-agent":${q(e.userAgent)},"x-envoy-origin-path":${q(target(e))},"x-forwarded-for":"${e.ip}","x-request-id":"3bbc0252-2d5c-49fe-bd89-104e9b61770b"}`,
  envoy_text: (e) =>
    `[${iso(e.ts)}] "${e.method} ${target(e)} ${e.protocol}" ${e.status} - 0 ${e.bytes} 12 10 "${e.ip}" "${e.userAgent}" "3bbc0252-2d5c-49fe" "shop.example.com" "10.42.0.82:8080"`,
  aws_alb: (e) =>
    `https ${iso(e.ts).slice(0, 23)}821Z app/my-lb/490d68edf04676fe ${withPort(e.ip)} 10.0.0.1:80 0.000 0.012 0.000 ${e.status} ${e.status} 120 ${e.bytes} "${e.method} https://shop.example.com:443${target(e)} ${e.protocol}" "${e.userAgent}" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/t/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "shop.example.com" "-" 0 ${iso(e.ts)} "forward" "-" "-" "10.0.0.1:80" "${e.status}" "-" "-"`,
  cloudfront: (e) =>
    [
      iso(e.ts).slice(0, 10),
      iso(e.ts).slice(11, 19),
      'LAX1',
      e.bytes,
      e.ip,
      e.method,
      'd111111abcdef8.cloudfront.net',
      e.path,
      e.status,
      dash(encodeURIComponent(e.referer)),
      encodeURIComponent(e.userAgent),
      dash(e.query),
      '-',
      'Miss',
      'SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==',
      'shop.example.com',
      'https',
      120,
      0.012,
      '-',
      'TLSv1.3',
      'TLS_AES_128_GCM_SHA256',
      'Miss',
      e.protocol,
      '-',
      '-',
      44321,
      0.011,
      'Miss',
      'text/html',
      e.bytes,
      '-',
      '-',
    ].join('\t'),
  haproxy: (e) =>
    `Nov 20 08:00:00 lb1 haproxy[1234]: ${withPort(e.ip)} [${clf(e.ts)}.123] https-in~ web/srv1 0/0/1/11/12 ${e.status} ${e.bytes} - - ---- 10/10/3/1/0 0/0 {shop.example.com|${e.userAgent.slice(0, 60).replace(/[|}]/g, '')}} "${e.method} ${target(e)} ${e.protocol}"`,
};

const wanted = values.formats ? values.formats.split(',') : Object.keys(RENDER);
const rows = [];
for (const id of wanted) {
  const lines =
    id === 'nginx_combined'
      ? nginxLines
      : id === 'cloudflare'
        ? cloudflareLines
        : events.map((e, i) => RENDER[id](e, nginxLines[i]));
  const file = join(dir, `${id}.input`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const out = execFileSync(process.execPath, [
    '--single-threaded-gc',
    fileURLToPath(import.meta.url),
    '--child',
    id,
    '--file',
    file,
    '--passes',
    String(PASSES),
  ]);
  const r = JSON.parse(String(out));
  rows.push({
    id,
    events: `${(100 * r.events).toFixed(1)}%`,
    wall: Math.round(r.wall),
    cpu: Math.round(r.cpu),
    mbps: r.mbps.toFixed(1),
    bytesPerLine: Math.round(r.bytesPerLine),
  });
}
rmSync(dir, { recursive: true, force: true });

const fmt = (n) => n.toLocaleString('en-US');
console.log(
  `node ${process.version} (--single-threaded-gc), ${LINES.toLocaleString('en-US')} generated lines, ${PASSES} timed passes each\n`,
);
console.log('| format | bytes/line | events | lines/s (wall) | MB/s (wall) | lines/s (CPU time) |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.id} | ${r.bytesPerLine} | ${r.events} | ${fmt(r.wall)} | ${r.mbps} | ${fmt(r.cpu)} |`);
}
