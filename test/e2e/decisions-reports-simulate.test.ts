/**
 * Reports and impact simulation end to end through the CLI: findings JSON → pending report with an
 * abuse-report draft → partial approval (bans with origin 'report') and dismissal of the rest; and
 * `rampart simulate` on an nginx log whose figures were counted by hand.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Finding } from '@rampart/core';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-decisions-rs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

function cliIn() {
  const dataDir = join(root, `d${n++}`);
  mkdirSync(dataDir, { recursive: true });
  const run = async (...args: string[]) => {
    const out = sink();
    const err = sink();
    const env = { RAMPART_DATA: dataDir, RAMPART_NOW: '2026-01-10T12:00:00Z', USER: 'reviewer' };
    const code = await main(['node', 'rampart', ...args], {
      stdout: out.stream,
      stderr: err.stream,
      env,
      cwd: dataDir,
    });
    return { code, out: out.text(), err: err.text() };
  };
  return { run, dataDir };
}

function finding(id: string, ip: string, networkType: 'hosting' | 'residential'): Finding {
  const residential = networkType === 'residential';
  return {
    id,
    detector: 'credential_stuffing',
    service: 'api',
    entity: { kind: 'ip', value: ip },
    category: 'credential_stuffing',
    score: 0.95,
    confidence: 0.9,
    summary: `logins from ${ip}`,
    signals: [],
    recommendation: {
      action: residential ? 'throttle' : 'ban',
      scope: 'ip',
      target: ip,
      ttlSeconds: residential ? 21600 : 86400,
      reason: residential ? 'residential network: throttle and report' : 'hosting network: ban',
      abuseReport: residential,
    },
    enrichment: {
      asn: residential ? 7922 : 64500,
      org: residential ? 'Comcast Cable' : 'Example Hosting',
      country: 'US',
      networkType,
      prefix: undefined,
      abuseContact: residential ? 'abuse@comcast.example' : undefined,
      crawler: undefined,
    },
    first_seen: '2026-01-10T10:00:00.000Z',
    last_seen: '2026-01-10T11:00:00.000Z',
    requests: 300,
    evidence: [
      { source: 'access.log', line: 7, text: `${ip} - - [10/Jan/2026:10:00:00 +0000] "POST /login HTTP/1.1" 401 0` },
    ],
    ips: undefined,
  };
}

describe('rampart reports', () => {
  it('creates a pending report with an abuse draft, approves one item into a ban and dismisses the rest', async () => {
    const { run, dataDir } = cliIn();
    const file = join(dataDir, 'findings.json');
    const findings = [finding('f_host', '203.0.113.5', 'hosting'), finding('f_home', '198.51.100.23', 'residential')];
    writeFileSync(file, JSON.stringify({ findings: [...findings, { id: 'broken' }] }));
    const created = await run('reports', 'create', '--findings', file, '--reporter', 'abuse-desk@example.org');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/^created r1: 2 finding\(s\) for api .*1 ban, 1 throttle; 1 abuse-report draft/);
    expect(created.err).toContain('finding #2 skipped: no service');
    expect((await run('reports', 'list')).out).toMatch(/r1\s+api\s+pending\s+\S+\s+2\s+2\s+1/);
    const shown = await run('reports', 'show', 'r1', '--drafts', '--xarf');
    expect(shown.out).toContain('abuse-report draft for AS7922');
    expect(shown.out).toContain('To: abuse@comcast.example');
    expect(shown.out).toContain('X-ARF: YES');
    expect(shown.out).toContain('Source: 198.51.100.23');

    const approved = await run('reports', 'approve', 'r1', '--item', 'f_host', '--note', 'obvious');
    expect(approved.code, approved.err).toBe(0);
    expect(approved.out).toContain('ban ip 203.0.113.5 as b1, expires 2026-01-11T12:00:00Z (1d)');
    expect(approved.out).toContain('r1 is now partial');
    const bans = JSON.parse((await run('bans', 'list', '--json')).out).bans;
    expect(bans).toMatchObject([
      { value: '203.0.113.5', origin: 'report', reportId: 'r1', findingId: 'f_host', service: 'api' },
    ]);

    const again = await run('reports', 'approve', 'r1', '--item', 'f_host');
    expect(again.code).toBe(2);
    expect(again.err).toContain('already approved');
    expect((await run('reports', 'dismiss', 'r1', '--note', 'customer')).out).toBe('r1 is now mixed\n');
    const trail = JSON.parse((await run('audit', 'list', '--json', '--entity', 'r1')).out).records;
    expect(trail.map((r: { action: string }) => r.action)).toEqual([
      'report_create',
      'report_decision',
      'report_decision',
    ]);
    expect(trail[1].actor).toBe('reviewer');
    expect((await run('audit', 'verify')).code).toBe(0);
  });

  it('dismisses a whole report', async () => {
    const { run, dataDir } = cliIn();
    const file = join(dataDir, 'findings.json');
    writeFileSync(file, JSON.stringify([finding('f1', '203.0.113.5', 'hosting')]));
    await run('reports', 'create', '--findings', file);
    expect((await run('reports', 'dismiss', 'r1')).out).toBe('r1 is now dismissed\n');
    expect((await run('bans', 'list')).out).toBe('no active bans\n');
  });
});

/**
 * The log, counted by hand (nginx combined, 10 Jan 2026, one request per second per address):
 *   203.0.113.10  300 × GET /api/items   flagged
 *   203.0.113.11  200 × GET /api/items   flagged
 *   203.0.113.50    5 × GET /login       not flagged, same /24
 *   198.51.100.1  495 × GET /            unrelated
 * = 1,000 requests. Banning 203.0.113.0/24 blocks 505 requests from 3 addresses; 5 of them (0.50% of all
 * traffic, 1 address) from an unflagged client → "review". Banning only the two flagged addresses → "safe".
 */
function writeLog(path: string) {
  const lines: string[] = [];
  const base = Date.UTC(2026, 0, 10, 8, 0, 0);
  const add = (count: number, ip: string, path: string) => {
    for (let i = 0; i < count; i++) {
      const t = new Date(base + i * 1000);
      const stamp = `10/Jan/2026:${t.toISOString().slice(11, 19)} +0000`;
      lines.push(`${ip} - - [${stamp}] "GET ${path} HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11; Linux x86_64)"`);
    }
  };
  add(300, '203.0.113.10', '/api/items');
  add(200, '203.0.113.11', '/api/items');
  add(5, '203.0.113.50', '/login');
  add(495, '198.51.100.1', '/');
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('rampart simulate', () => {
  it('gives the hand-counted figures and a review verdict for the /24', async () => {
    const { run, dataDir } = cliIn();
    const log = join(dataDir, 'access.log');
    writeLog(log);
    const findings = join(dataDir, 'findings.json');
    writeFileSync(
      findings,
      JSON.stringify([finding('a', '203.0.113.10', 'hosting'), finding('b', '203.0.113.11', 'hosting')]),
    );
    const r = await run('simulate', '--ban', '203.0.113.0/24', '--findings', findings, '--json', log);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.total).toEqual({ requests: 1000, addresses: 4 });
    expect(j.blocked).toMatchObject({ requests: 505, addresses: 3, share: 0.505 });
    expect(j.unflagged).toEqual({ requests: 5, addresses: 1, share: 0.005 });
    expect(j.top.paths).toEqual([
      { value: '/api/items', requests: 500 },
      { value: '/login', requests: 5 },
    ]);
    expect(j.verdict).toEqual({ level: 'review', text: 'review: 0.50% of traffic from unflagged clients (1 address)' });
    const text = await run('simulate', '--ban', '203.0.113.0/24', '--findings', findings, log, '--fail-on', 'review');
    expect(text.code).toBe(1);
    expect(text.out).toContain('would block:          505 requests (50.50%) from 3 addresses');
    expect(text.out).toContain('verdict: review: 0.50% of traffic from unflagged clients (1 address)');
  });

  it('calls banning only the flagged addresses safe, and respects --from/--to', async () => {
    const { run, dataDir } = cliIn();
    const log = join(dataDir, 'access.log');
    writeLog(log);
    const findings = join(dataDir, 'findings.json');
    writeFileSync(
      findings,
      JSON.stringify([finding('a', '203.0.113.10', 'hosting'), finding('b', '203.0.113.11', 'hosting')]),
    );
    const safe = JSON.parse(
      (await run('simulate', '--ban', '203.0.113.10', '--ban', '203.0.113.11', '--findings', findings, '--json', log))
        .out,
    );
    expect(safe.blocked.requests).toBe(500);
    expect(safe.verdict.text).toBe('safe to ban: 0% of traffic from unflagged clients');
    const window = JSON.parse(
      (
        await run(
          'simulate',
          '--ban',
          '203.0.113.10',
          '--from',
          '2026-01-10T08:00:00Z',
          '--to',
          '2026-01-10T08:01:40Z',
          '--json',
          log,
        )
      ).out,
    );
    // First 100 seconds: 100 + 100 + 5 (the /login client only sent 5) + 100.
    expect(window.total.requests).toBe(305);
    expect(window.blocked.requests).toBe(100);
    expect(window.outOfRange).toBe(695);
  });

  it('spares allowlisted clients of the data directory and reports them', async () => {
    const { run, dataDir } = cliIn();
    const log = join(dataDir, 'access.log');
    writeLog(log);
    await run('allow', 'add', '203.0.113.50', '--reason', 'office');
    const j = JSON.parse((await run('simulate', '--ban', '203.0.113.0/24', '--json', log)).out);
    expect(j.allowlisted).toEqual({ requests: 5, addresses: 1 });
    expect(j.blocked.requests).toBe(500);
  });

  it('matches ASN candidates on a plain access log with --enrich (offline data)', async () => {
    const { run, dataDir } = cliIn();
    const log = join(dataDir, 'dns.log');
    writeFileSync(
      log,
      [
        '8.8.8.8 - - [10/Jan/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8.5.0"',
        '8.8.4.4 - - [10/Jan/2026:10:00:01 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/8.5.0"',
        '192.0.2.1 - - [10/Jan/2026:10:00:02 +0000] "GET /b HTTP/1.1" 200 5 "-" "curl/8.5.0"',
      ].join('\n'),
    );
    const plain = JSON.parse((await run('simulate', '--ban', 'AS15169', '--json', log)).out);
    expect(plain).toMatchObject({ unenriched: 3, blocked: { requests: 0 } });
    const enriched = JSON.parse((await run('simulate', '--ban', 'AS15169', '--enrich', '--json', log)).out);
    expect(enriched.blocked).toMatchObject({ requests: 2, addresses: 2 });
    expect(enriched.top.countries).toEqual([{ value: 'US', requests: 2 }]);
  });

  it('refuses bad candidates and unreadable input with the right exit codes', async () => {
    const { run, dataDir } = cliIn();
    expect((await run('simulate', '--ban', 'not-an-ip', join(dataDir, 'x.log'))).code).toBe(2);
    expect((await run('simulate', '--ban', '192.0.2.1', join(dataDir, 'missing.log'))).code).toBe(3);
  });
});
