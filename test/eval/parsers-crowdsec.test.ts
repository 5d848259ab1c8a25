/**
 * Rampart's parsers against CrowdSec's hub parser tests: for every test case whose log type Rampart
 * reads, parse the same lines and compare the fields CrowdSec extracts (source_ip, http_verb,
 * http_path, http_status, http_user_agent, target_fqdn, body bytes, referer, time). Known, explained
 * disagreements are listed; everything else must agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { ACCESS_LOG_FAMILY, parseWithFamily } from './parsers-support.js';

/** CrowdSec parser node → the Rampart formats tried, in order. */
const NODES: Record<string, readonly string[]> = {
  'crowdsecurity/nginx-logs': ACCESS_LOG_FAMILY,
  'crowdsecurity/apache2-logs': ACCESS_LOG_FAMILY,
  'crowdsecurity/caddy-logs': ['caddy'],
  'crowdsecurity/traefik-logs': ['traefik', ...ACCESS_LOG_FAMILY],
  'crowdsecurity/haproxy-logs': ['haproxy'],
  'crowdsecurity/aws-alb': ['aws_alb'],
  'yanis-kouidri/envoy-logs': ['envoy', 'envoy_text'],
};

/**
 * Cases written with a custom nginx `log_format` (nginx-proxy-manager's layouts): read with the generic
 * `nginx` parser given the directive, as a user would configure it.
 */
const CUSTOM_FORMATS: Record<string, readonly string[]> = {
  'nginx_http-catch-npm': [
    'nginx:[$time_local] $host $remote_addr $request_time "$request" $status $body_bytes_sent $request_length $http_referer $http_user_agent',
    'nginx:[$time_local] $status - $request_method $scheme $host "$request_uri" [Client $remote_addr] [Length $body_bytes_sent] [Gzip $gzip_ratio] [Sent-to $server] "$http_user_agent" "$http_referer"',
    'nginx:[$time_local] $upstream_cache_status $upstream_status $status - $request_method $scheme $host "$request_uri" [Client $remote_addr] [Length $body_bytes_sent] [Gzip $gzip_ratio] "$http_user_agent" "$http_referer"',
  ],
};

interface Expected {
  caseName: string;
  node: string;
  index: number;
  success: boolean;
  fields: Map<string, string>;
}

const LINE_RE =
  /^results\["s01-parse"\]\["([^"]+)"\]\[(\d+)\]\.(?:Success == (true|false)|Evt\.(Meta|Parsed)\["([^"]+)"\] == "(.*)")$/;

const logCache = new Map<string, string[]>();

/** The lines of a case's `.log` file (named in its config.yaml). */
function rawLines(caseName: string): string[] {
  let lines = logCache.get(caseName);
  if (lines === undefined) {
    const dir = join(sharedPath('logs/crowdsec-hub-tests'), caseName);
    const config = readFileSync(join(dir, 'config.yaml'), 'utf8');
    const file = /^log_file:\s*(\S+)/m.exec(config)?.[1] ?? `${caseName}.log`;
    try {
      lines = readFileSync(join(dir, file), 'utf8').split('\n');
    } catch {
      lines = [];
    }
    logCache.set(caseName, lines);
  }
  return lines;
}

function unquote(v: string): string {
  try {
    return JSON.parse(`"${v}"`) as string;
  } catch {
    return v;
  }
}

function loadExpectations(): Expected[] {
  const root = sharedPath('logs/crowdsec-hub-tests');
  const out = new Map<string, Expected>();
  for (const caseName of readdirSync(root).sort()) {
    let text: string;
    try {
      text = readFileSync(join(root, caseName, 'parser.assert'), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const m = LINE_RE.exec(line.trim());
      if (!m || !(m[1]! in NODES)) continue;
      const key = `${caseName}|${m[1]}|${m[2]}`;
      let e = out.get(key);
      if (!e) {
        e = { caseName, node: m[1]!, index: Number(m[2]), success: true, fields: new Map() };
        out.set(key, e);
      }
      if (m[3] !== undefined) e.success = m[3] === 'true';
      else e.fields.set(`${m[4]}.${m[5]}`, unquote(m[6]!));
    }
  }
  return [...out.values()];
}

const dashless = (s: string) => (s === '-' ? '' : s);

/**
 * Epoch ms of a CrowdSec time text by an independent route (`Date.parse`), to check Rampart's own
 * timestamp reader: CLF `08/Jun/2020:08:04:43 +0000` (HAProxy: no zone, UTC) or ISO 8601. Compared
 * to the second: CrowdSec's Traefik `time` is the second-precision write time, Rampart's the start.
 */
function oracleTime(text: string): string {
  const clf = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: ([+-]\d{4}))?$/.exec(text);
  const ms = clf ? Date.parse(`${clf[1]} ${clf[2]} ${clf[3]} ${clf[4]} ${clf[5] ?? '+0000'}`) : Date.parse(text);
  return String(Math.floor(ms / 1000));
}
const TIME_FIELDS = new Set(['Parsed.time_local', 'Parsed.timestamp', 'Parsed.accept_date', 'Parsed.time']);

/** CrowdSec field → how to read the same thing from a RequestEvent (undefined: not compared). */
const COMPARE: Record<string, (e: import('@rampart/core').RequestEvent) => string> = {
  'Meta.source_ip': (e) => e.ip,
  'Meta.http_verb': (e) => e.method,
  'Meta.http_path': (e) => (e.query === '' ? e.path : `${e.path}?${e.query}`),
  'Meta.http_status': (e) => String(e.status),
  'Meta.http_user_agent': (e) => e.userAgent,
  'Meta.target_fqdn': (e) => e.host,
  'Parsed.body_bytes_sent': (e) => String(e.bytes),
  'Parsed.bytes': (e) => String(e.bytes),
  'Parsed.http_referer': (e) => e.referer,
  'Parsed.referrer': (e) => e.referer,
  'Parsed.time_local': (e) => String(Math.floor(e.ts / 1000)),
  'Parsed.timestamp': (e) => String(Math.floor(e.ts / 1000)),
  'Parsed.accept_date': (e) => String(Math.floor(e.ts / 1000)),
  'Parsed.time': (e) => String(Math.floor(e.ts / 1000)),
};

/**
 * Explained disagreements, by CrowdSec test case and line index. Each is a deliberate difference, not a
 * bug: keep the list short and the reasons true.
 */
const KNOWN: Record<string, string> = {
  'envoy-logs[8]':
    'CrowdSec takes the left-most X-Forwarded-For entry, which the client controls; Rampart the right-most (trust no proxy unless configured)',
  'envoy-logs[9]': 'same: left-most vs right-most X-Forwarded-For entry',
  'nginx_http-logs[7]':
    'line lacks the ident "-" field ("ip - [date]"): not a layout nginx writes; CrowdSec grok allows it',
  'traefik_clf[4]': 'status "-" (client gone before a response): Rampart requires a status and counts bad_status',
};

describe.skipIf(!HAS_SHARED_DATA)('parsers agree with CrowdSec hub parser tests', () => {
  const expectations = HAS_SHARED_DATA ? loadExpectations() : [];

  it('reads the access-log lines CrowdSec reads and extracts the same fields', () => {
    let lines = 0;
    let fromWrapped = 0;
    let outOfScope = 0;
    let linesRead = 0;
    let fields = 0;
    let fieldsAgree = 0;
    const unexplained: string[] = [];
    const explained: string[] = [];
    const note = (where: string, what: string) => {
      const why = KNOWN[where];
      if (why) explained.push(`${where} ${what} — ${why}`);
      else unexplained.push(`${where} ${what}`);
    };
    for (const ex of expectations) {
      const message = ex.fields.get('Parsed.message');
      if (!ex.success || message === undefined) continue;
      // Lines without an HTTP status are error-log or connection messages (nginx error.log, Apache
      // error_log, HAProxy TLS failures): CrowdSec's node handles them, but they are not requests.
      if (!ex.fields.has('Meta.http_status')) {
        outOfScope++;
        continue;
      }
      lines++;
      // The line as the .log file has it (with any syslog or container-runtime header CrowdSec's
      // s00 stage removed); the message itself when the file cannot be matched.
      const raw = rawLines(ex.caseName).find((l) => l === message || l.endsWith(` ${message}`)) ?? message;
      if (raw !== message) fromWrapped++;
      const parsed = parseWithFamily(raw, CUSTOM_FORMATS[ex.caseName] ?? NODES[ex.node]!);
      const where = `${ex.caseName}[${ex.index}]`;
      if (!parsed) {
        note(where, `not read: ${message.slice(0, 90)}`);
        continue;
      }
      linesRead++;
      for (const [name, want] of ex.fields) {
        const read = COMPARE[name];
        if (!read) continue;
        fields++;
        const got = read(parsed.event);
        if (
          TIME_FIELDS.has(name)
            ? oracleTime(want) === got
            : dashless(want) === got || (name.endsWith('target_fqdn') && want.toLowerCase().split(':')[0] === got)
        ) {
          fieldsAgree++;
        } else note(where, `${name}: crowdsec ${JSON.stringify(want)}, rampart ${JSON.stringify(got)}`);
      }
    }
    console.log(
      [
        `crowdsec: ${linesRead}/${lines} access-log lines read (${fromWrapped} behind a syslog or container header), ${fieldsAgree}/${fields} fields agree; ${outOfScope} non-request lines out of scope`,
        ...explained.map((d) => `  explained: ${d}`),
        ...unexplained.map((d) => `  UNEXPLAINED: ${d}`),
      ].join('\n'),
    );
    expect(lines).toBeGreaterThan(80);
    expect(unexplained).toEqual([]);
    expect(linesRead / lines).toBeGreaterThanOrEqual(0.95);
    expect(fieldsAgree / fields).toBeGreaterThanOrEqual(0.99);
  });
});
