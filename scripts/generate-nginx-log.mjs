#!/usr/bin/env node
/**
 * Seeded generator of realistic access-log traffic for a small website with an API: people browsing
 * (a page, then its assets, then a pause), two search crawlers, and a little obvious abuse (a scanner
 * probing /.env and /wp-login.php, a brute-forcer POSTing /login and getting 401s), written in event-time
 * order as nginx `combined` or as Cloudflare Logpush `http_requests` JSON lines. Same seed, same output.
 *
 *   node scripts/generate-nginx-log.mjs --lines 3000 --seed 7 --out examples/access.log
 *   node scripts/generate-nginx-log.mjs --lines 1000000 --format cloudflare --out /tmp/cf.json
 *
 * Options: --lines N (default 3000)  --seed N (default 7)  --format nginx|cloudflare  --out FILE (default
 * stdout)  --start ISO time (default 2026-11-20T08:00:00Z)  --hours H (default: scaled to --lines).
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '7' },
    format: { type: 'string', default: 'nginx' },
    out: { type: 'string' },
    start: { type: 'string', default: '2026-11-20T08:00:00Z' },
    hours: { type: 'string' },
  },
});
const TOTAL = Number(values.lines);
const FORMAT = values.format;
if (!Number.isInteger(TOTAL) || TOTAL < 1 || !['nginx', 'cloudflare'].includes(FORMAT)) {
  process.stderr.write('usage: generate-nginx-log.mjs --lines N [--seed N] [--format nginx|cloudflare] [--out FILE]\n');
  process.exit(2);
}

// mulberry32: small, fast, good enough for test traffic, and the same on every machine.
let seedState = Number(values.seed) >>> 0;
function rand() {
  seedState = (seedState + 0x6d2b79f5) >>> 0;
  let t = seedState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];
/** Zipf-like pick: earlier entries are much more popular. */
const popular = (list) => list[Math.min(list.length - 1, Math.floor(list.length * rand() ** 2.2))];

const START = Date.parse(values.start);
// ~1 request/s for the sample, a busy day for a million lines.
const HOURS = values.hours ? Number(values.hours) : Math.max(1, Math.min(24, TOTAL / 1500));
const END = START + HOURS * 3600_000;
const HOST = 'shop.example.com';

const BLOG = Array.from(
  { length: 40 },
  (_, i) => `/blog/${['release-notes', 'how-we-ship', 'pricing-update', 'api-tips', 'case-study'][i % 5]}-${i + 1}`,
);
const PAGES = ['/', '/pricing', '/about', '/docs', '/docs/getting-started', '/docs/api', '/contact', '/login', ...BLOG];
const PRODUCT_IDS = Array.from({ length: 400 }, (_, i) => 1000 + i * 7);
const ASSETS = [
  '/static/app.3f9a1c.js',
  '/static/vendor.81bd02.js',
  '/static/app.5e77aa.css',
  '/img/logo.svg',
  '/favicon.ico',
  '/fonts/inter.woff2',
];
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
];
const COUNTRIES = ['us', 'de', 'fr', 'gb', 'nl', 'br', 'in', 'jp'];

function humanIp() {
  if (rand() < 0.12)
    return `2a02:${int(0x1000, 0xffff).toString(16)}:${int(1, 0xfff).toString(16)}::${int(1, 0xffff).toString(16)}`;
  return `${pick([81, 82, 86, 92, 109, 176, 178, 188, 212, 217])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
}

function pagePath() {
  const r = rand();
  if (r < 0.35) return popular(PAGES);
  if (r < 0.7) return `/products/${popular(PRODUCT_IDS)}`;
  if (r < 0.8) return `/search?q=${pick(['shoes', 'red+jacket', 'gift', 'sale', 'size+42', 'caf%C3%A9'])}`;
  return `/api/v1/products?page=${int(1, 12)}&limit=20`;
}

function bodyBytes(path, status) {
  if (status === 304 || status === 301) return 0;
  if (status >= 400) return int(140, 560);
  if (path.startsWith('/static/') || path.startsWith('/fonts/')) return int(20_000, 180_000);
  if (path.startsWith('/api/')) return int(800, 6_000);
  return int(4_000, 40_000);
}

// --- actors: each has `next` (epoch ms) and `step()` returning one request or null when finished ---

function humanSession(t) {
  const ip = humanIp();
  const ua = pick(BROWSERS);
  const country = pick(COUNTRIES);
  let pages = int(1, 9);
  let pendingAssets = [];
  let referer = rand() < 0.4 ? 'https://www.google.com/' : '-';
  let current = '/';
  const actor = {
    next: t,
    step() {
      if (pendingAssets.length > 0) {
        const path = pendingAssets.shift();
        const cached = rand() < 0.5;
        actor.next += int(5, 250);
        const status = cached ? 304 : 200;
        return {
          ip,
          ua,
          country,
          method: 'GET',
          path,
          status,
          bytes: bodyBytes(path, status),
          referer: `https://${HOST}${current}`,
        };
      }
      if (pages-- <= 0) return null;
      const path = pagePath();
      const status = rand() < 0.01 ? 500 : rand() < 0.02 ? 404 : 200;
      const req = { ip, ua, country, method: 'GET', path, status, bytes: bodyBytes(path, status), referer };
      referer = `https://${HOST}${path.split('?')[0]}`;
      current = path.split('?')[0];
      if (!path.startsWith('/api/')) pendingAssets = ASSETS.filter(() => rand() < 0.6);
      actor.next += int(3_000, 60_000);
      return req;
    },
  };
  return actor;
}

function crawler(t, ipPrefix, ua, gapMs) {
  const actor = {
    next: t,
    step() {
      actor.next += int(gapMs / 2, gapMs * 1.5);
      const path =
        rand() < 0.03
          ? pick(['/robots.txt', '/sitemap.xml'])
          : rand() < 0.5
            ? popular(PAGES)
            : `/products/${pick(PRODUCT_IDS)}`;
      return {
        ip: `${ipPrefix}.${int(1, 90)}`,
        ua,
        country: 'us',
        method: 'GET',
        path,
        status: 200,
        bytes: bodyBytes(path, 200),
        referer: '-',
      };
    },
  };
  return actor;
}

const PROBES = [
  '/.env',
  '/wp-login.php',
  '/.git/config',
  '/wp-admin/setup-config.php',
  '/phpmyadmin/index.php',
  '/xmlrpc.php',
  '/.aws/credentials',
  '/config.json',
  '/admin.php',
  '/server-status',
  '/.DS_Store',
  '/backup.zip',
  '/api/.env',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/actuator/env',
  '/.svn/entries',
  '/cgi-bin/luci',
  '/boaform/admin/formLogin',
  '/HNAP1/',
  '/owa/auth/logon.aspx',
];

function scanner(t, ip) {
  let left = Math.max(40, Math.round(TOTAL / 60));
  const actor = {
    next: t,
    step() {
      if (left-- <= 0) return null;
      actor.next += int(80, 700);
      const path = rand() < 0.8 ? pick(PROBES) : `/${pick(['old', 'test', 'dev', 'bak', 'tmp'])}${pick(PROBES)}`;
      return {
        ip,
        ua: pick(['Mozilla/5.0 zgrab/0.x', 'curl/8.5.0', '-', 'Go-http-client/1.1']),
        country: 'nl',
        method: 'GET',
        path,
        status: 404,
        bytes: int(150, 200),
        referer: '-',
      };
    },
  };
  return actor;
}

function bruteForcer(t, ip) {
  let left = Math.max(60, Math.round(TOTAL / 40));
  const actor = {
    next: t,
    step() {
      if (left-- <= 0) return null;
      actor.next += int(900, 2_500);
      const status = left === 0 ? 302 : 401;
      return {
        ip,
        ua: 'python-requests/2.32.3',
        country: 'ru',
        method: 'POST',
        path: '/login',
        status,
        bytes: status === 401 ? 42 : 0,
        referer: '-',
      };
    },
  };
  return actor;
}

// --- a tiny binary heap of actors by next time ---
const heap = [];
const before = (a, b) => a.next < b.next;
function push(a) {
  heap.push(a);
  let i = heap.length - 1;
  while (i > 0 && before(heap[i], heap[(i - 1) >> 1])) {
    [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1], heap[i]];
    i = (i - 1) >> 1;
  }
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (l + 1 < heap.length && before(heap[l + 1], heap[m])) m = l + 1;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}

// Sessions arrive with a daily curve (busier mid-day); ~22 requests per session on average.
const span = END - START;
const meanGapMs = span / (TOTAL / 22);
const arrivals = {
  next: START,
  step() {
    const hour = new Date(arrivals.next).getUTCHours();
    const busy = 0.6 + 0.8 * Math.sin((Math.PI * ((hour + 18) % 24)) / 24) ** 2;
    arrivals.next += Math.max(1, Math.round((-Math.log(1 - rand()) * meanGapMs) / busy));
    push(humanSession(arrivals.next));
    return undefined;
  },
};
push(arrivals);
push(
  crawler(
    START + 5_000,
    '66.249.66',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    40_000,
  ),
);
push(
  crawler(
    START + 9_000,
    '157.55.39',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    90_000,
  ),
);
push(scanner(START + span * 0.3, '45.148.10.87'));
push(bruteForcer(START + span * 0.55, '185.220.101.34'));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
function nginxTime(ms) {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

let ray = 0x7f3a0000000000n;
function cloudflareLine(ts, r) {
  ray += BigInt(int(1, 5000));
  return JSON.stringify({
    ClientIP: r.ip,
    ClientRequestHost: HOST,
    ClientRequestMethod: r.method,
    ClientRequestURI: r.path,
    ClientRequestProtocol: 'HTTP/1.1',
    ClientRequestUserAgent: r.ua === '-' ? '' : r.ua,
    ClientRequestReferer: r.referer === '-' ? '' : r.referer,
    EdgeResponseStatus: r.status,
    EdgeResponseBytes: r.bytes + 350,
    EdgeStartTimestamp: new Date(ts).toISOString(),
    EdgeEndTimestamp: new Date(ts + int(5, 300)).toISOString(),
    ClientASN: r.ip.startsWith('66.249.') ? 15169 : r.ip.startsWith('157.55.') ? 8075 : int(3000, 60000),
    ClientCountry: r.country,
    RayID: ray.toString(16),
  });
}

const out = values.out ? createWriteStream(values.out) : process.stdout;
let written = 0;
let buffer = '';
while (written < TOTAL && heap.length > 0) {
  const actor = pop();
  const ts = actor.next;
  const r = actor.step();
  if (r === null) continue;
  if (r !== undefined) {
    buffer +=
      FORMAT === 'nginx'
        ? `${r.ip} - - [${nginxTime(ts)}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytes} "${r.referer}" "${r.ua}"\n`
        : `${cloudflareLine(ts, r)}\n`;
    written++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
      buffer = '';
    }
  }
  push(actor);
}
out.write(buffer);
if (out !== process.stdout) out.end();
