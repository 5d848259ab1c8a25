/**
 * `rampart analyze` end to end, in-process through `main(argv, io)` with captured streams: real files in a
 * temp dir (plain, gzip, globs, stdin), every kind of bad input counted by reason, and the exit codes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';

const REPO = join(import.meta.dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-analyze-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: the parsed --json report; tests read fields by name
  json: any;
}

async function analyze(args: string[], stdin?: string | Buffer): Promise<Run> {
  const out = capture();
  const err = capture();
  const input =
    stdin === undefined ? Object.assign(Readable.from([]), { isTTY: true }) : Readable.from([Buffer.from(stdin)]);
  const code = await main(['node', 'rampart', 'analyze', ...args], {
    stdout: out.stream,
    stderr: err.stream,
    stdin: input,
    cwd: dir,
    env: { RAMPART_DATA: join(dir, 'data') },
  });
  const stdout = out.text();
  let json: unknown;
  if (args.includes('--json') && stdout.trim() !== '') json = JSON.parse(stdout);
  return { code, stdout, stderr: err.text(), json };
}

function nginxLine(ip: string, second: number, path = '/', status = 200): string {
  const ss = String(second % 60).padStart(2, '0');
  const mm = String(Math.floor(second / 60)).padStart(2, '0');
  return `${ip} - - [20/Nov/2026:10:${mm}:${ss} +0000] "GET ${path} HTTP/1.1" ${status} 512 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0"`;
}

function goodLines(n: number, offset = 0): string[] {
  return Array.from({ length: n }, (_, i) => nginxLine(`192.0.2.${(i % 7) + 1}`, offset + i, `/page/${i % 5}`));
}

const reasons = (run: Run): Record<string, number> =>
  Object.fromEntries(run.json.errors.byReason.map((r: { reason: string; count: number }) => [r.reason, r.count]));

describe('rampart analyze', () => {
  it('summarises the shipped example log and auto-detects nginx combined', async () => {
    const run = await analyze([join(REPO, 'examples/access.log'), '--json', '--summary-only']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('format: nginx_combined (auto-detected)');
    expect(run.json.format).toMatchObject({ id: 'nginx_combined', autoDetected: true });
    expect(run.json.summary.requests).toBe(3000);
    expect(run.json.errors.total).toBe(0);
    expect(run.json.findings).toEqual([]);
    const topPaths = run.json.summary.top.paths.map((p: { value: string }) => p.value);
    expect(topPaths).toContain('/login');
    expect(run.json.summary.peakSecond.requests).toBeGreaterThanOrEqual(2);
  });

  it('puts the findings array in the JSON report when detection runs', async () => {
    const run = await analyze([join(REPO, 'examples/access.log'), '--json']);
    expect(run.code).toBe(0);
    expect(Array.isArray(run.json.findings)).toBe(true);
    expect(run.json.summary.requests).toBe(3000);
  });

  it('prints aligned tables when not asked for JSON', async () => {
    const run = await analyze([join(REPO, 'examples/access.log'), '--summary-only', '--top', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Requests\s+3,000/);
    expect(run.stdout).toContain('Top client IPs');
    expect(run.stdout).toContain('Parse errors: none');
    expect(run.stdout).not.toContain('\x1b');
  });

  it('counts every kind of bad line by reason with samples, and reads the rest', async () => {
    const file = join(dir, 'mixed.log');
    const parts: Buffer[] = [
      Buffer.from(`${goodLines(20).join('\n')}\n`),
      Buffer.from('\x00\x01\x02\x03binary\x00garbage\n'),
      Buffer.concat([
        Buffer.from('192.0.2.9 - - [20/Nov/2026:10:00:00 +0000] "GET /caf'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('" 200 1 "-" "x"\n'),
      ]),
      Buffer.from(`${nginxLine('192.0.2.9', 1, `/${'a'.repeat(70_000)}`)}\n`),
      Buffer.from(`${nginxLine('192.0.2.9', 2).replace('20/Nov/2026:10', '31/Feb/2026:10')}\n`),
      Buffer.from(`${nginxLine('not-an-address', 3)}\n`),
      Buffer.from('{"ClientIP":"192.0.2.1","EdgeResponseStatus":200}\n'),
      Buffer.from(`${goodLines(20, 30).join('\n')}\n`),
      Buffer.from('192.0.2.9 - - [20/Nov/2026:10:59:59 +0000] "GET /cut-off-mid'),
    ];
    writeFileSync(file, Buffer.concat(parts));
    const run = await analyze(['mixed.log', '--json', '--summary-only']);
    expect(run.code).toBe(0);
    expect(run.json.summary.requests).toBe(40);
    expect(reasons(run)).toEqual({
      binary: 1,
      invalid_utf8: 1,
      too_long: 1,
      bad_timestamp: 1,
      bad_address: 1,
      format_mismatch: 1,
      truncated: 1,
    });
    expect(run.json.errors.total).toBe(7);
    const sample = run.json.errors.byReason.find((r: { reason: string }) => r.reason === 'binary').samples[0];
    expect(sample).toMatchObject({ source: 'mixed.log', line: 21 });
    expect(sample.text).toContain('\\x00');
    expect(
      run.json.errors.byReason.find((r: { reason: string }) => r.reason === 'too_long').samples[0].text.length,
    ).toBeLessThan(200);
  });

  it('exits 1 when bad lines pass --max-error-share, 0 when under it', async () => {
    writeFileSync(join(dir, 'some-bad.log'), `${goodLines(8).join('\n')}\nnot a log line\nnor this\n`);
    const over = await analyze(['some-bad.log', '--summary-only', '--max-error-share', '10%']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('--max-error-share');
    const under = await analyze(['some-bad.log', '--summary-only', '--max-error-share', '0.25']);
    expect(under.code).toBe(0);
  });

  it('reads gzip by its magic bytes whatever the file is called', async () => {
    writeFileSync(join(dir, 'rotated.log.1'), gzipSync(`${goodLines(50).join('\n')}\n`));
    const run = await analyze(['rotated.log.1', '--json', '--summary-only']);
    expect(run.code).toBe(0);
    expect(run.json.summary.requests).toBe(50);
    expect(run.json.sources[0]).toMatchObject({ compressed: true, events: 50 });
  });

  it('counts a truncated gzip file and keeps what it could read', async () => {
    const gz = gzipSync(`${goodLines(3000).join('\n')}\n`);
    writeFileSync(join(dir, 'cut.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const run = await analyze(['cut.gz', '--json', '--summary-only']);
    expect(run.code).toBe(0);
    expect(run.json.summary.requests).toBeGreaterThan(0);
    expect(run.json.summary.requests).toBeLessThan(3000);
    expect(reasons(run).truncated).toBeGreaterThanOrEqual(1);
    expect(run.json.sources[0].failure).toMatch(/gzip|end/);
  });

  it('expands globs and merges several files into one summary', async () => {
    mkdirSync(join(dir, 'many'));
    writeFileSync(join(dir, 'many/a.log'), `${goodLines(10, 0).join('\n')}\n`);
    writeFileSync(join(dir, 'many/b.log'), gzipSync(`${goodLines(10, 5).join('\n')}\n`));
    const run = await analyze(['many/*.log', '--json', '--summary-only']);
    expect(run.code).toBe(0);
    expect(run.json.sources.map((s: { name: string }) => s.name)).toEqual(['many/a.log', 'many/b.log']);
    expect(run.json.summary.requests).toBe(20);
    expect(run.json.summary.firstSeen).toBe('2026-11-20T10:00:00.000Z');
    expect(run.json.summary.lastSeen).toBe('2026-11-20T10:00:14.000Z');
  });

  it("reads standard input when piped, with '-' or no file at all", async () => {
    const log = `${goodLines(12).join('\n')}\n`;
    for (const args of [['-'], []]) {
      const run = await analyze([...args, '--json', '--summary-only'], log);
      expect(run.code).toBe(0);
      expect(run.json.sources[0].name).toBe('stdin');
      expect(run.json.summary.requests).toBe(12);
    }
    const gz = await analyze(['--json', '--summary-only'], gzipSync(log));
    expect(gz.json.summary.requests).toBe(12);
    expect(gz.json.sources[0].compressed).toBe(true);
  });

  it('exits 3 with a one-line message for a missing file, never a stack trace', async () => {
    const run = await analyze(['nope.log', '--summary-only']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('nope.log: no such file');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    const json = await analyze(['nope.log', '--json', '--summary-only']);
    expect(json.code).toBe(3);
    expect(json.json.sources).toEqual([expect.objectContaining({ name: 'nope.log', failure: 'no such file' })]);
  });

  it('exits 3 for an empty file and for a file of binary garbage', async () => {
    writeFileSync(join(dir, 'empty.log'), '');
    expect((await analyze(['empty.log', '--summary-only'])).code).toBe(3);
    let seed = 1;
    const garbage = Buffer.alloc(300_000);
    for (let i = 0; i < garbage.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      garbage[i] = seed >>> 24;
    }
    writeFileSync(join(dir, 'garbage.bin'), garbage);
    const run = await analyze(['garbage.bin', '--json', '--summary-only']);
    expect(run.code).toBe(3);
    expect(run.json.errors.total).toBeGreaterThan(100);
    expect(
      Object.keys(reasons(run)).every((r) => ['binary', 'invalid_utf8', 'too_long', 'format_mismatch'].includes(r)),
    ).toBe(true);
  });

  it('counts every line of the wrong format when the format is forced, and exits 3', async () => {
    writeFileSync(join(dir, 'cf.json'), '{"ClientIP":"192.0.2.1"}\n{"ClientIP":"192.0.2.2"}\n');
    const run = await analyze(['cf.json', '--format', 'nginx_combined', '--json', '--summary-only']);
    expect(run.code).toBe(3);
    expect(run.json.errors.total).toBe(2);
    expect(run.json.format).toEqual({ id: 'nginx_combined', autoDetected: false });
  });

  it('asks for --format, listing what it tried, when the format cannot be recognised', async () => {
    writeFileSync(join(dir, 'prose.txt'), 'Dear diary,\ntoday I wrote no access log.\n');
    const run = await analyze(['prose.txt', '--summary-only']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format');
    expect(run.stderr).toContain('nginx_combined');
  });

  it('reads a custom nginx log_format given with --log-format', async () => {
    const directive = '$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time';
    writeFileSync(
      join(dir, 'custom.log'),
      '192.0.2.1 [20/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 10 0.003\n192.0.2.2 [20/Nov/2026:10:00:01 +0000] "POST /b HTTP/1.1" 401 0 0.010\n',
    );
    const run = await analyze(['custom.log', '--log-format', directive, '--json', '--summary-only']);
    expect(run.code).toBe(0);
    expect(run.json.format.id).toBe('nginx');
    expect(run.json.summary.requests).toBe(2);
  });

  it('rejects bad options and config with exit 2', async () => {
    writeFileSync(join(dir, 'ok.log'), `${goodLines(2).join('\n')}\n`);
    expect((await analyze(['ok.log', '--top', '0'])).code).toBe(2);
    const proxy = await analyze(['ok.log', '--trusted-proxy', 'not-a-cidr']);
    expect(proxy.code).toBe(2);
    expect(proxy.stderr).toContain('not-a-cidr');
    writeFileSync(join(dir, 'bad.yaml'), 'ingest:\n  maxLineBytes: "lots"\n');
    const config = await analyze(['ok.log', '--config', 'bad.yaml']);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('maxLineBytes');
    expect((await analyze(['ok.log', '--config', 'missing.yaml'])).code).toBe(2);
  });

  it('honours ingest.maxLineBytes from the config file', async () => {
    writeFileSync(join(dir, 'small.yaml'), 'ingest:\n  maxLineBytes: 256\n');
    writeFileSync(
      join(dir, 'long.log'),
      `${goodLines(3).join('\n')}\n${nginxLine('192.0.2.1', 9, `/${'x'.repeat(300)}`)}\n`,
    );
    const run = await analyze(['long.log', '--config', 'small.yaml', '--json', '--summary-only']);
    expect(run.code).toBe(0);
    expect(reasons(run)).toEqual({ too_long: 1 });
  });
});
