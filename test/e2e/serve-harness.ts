/**
 * Runs the real `rampart serve` process (packages/server/bin/rampart.js, the compiled dist that `npm test`
 * builds) on a free loopback port with its own data directory, for the serve-* end-to-end tests. Reads
 * the URL, the syslog ports and the first-start admin token from its stdout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'packages/server/bin/rampart.js');
export const DIST_BUILT = existsSync(join(ROOT, 'packages/server/dist/cli/main.js'));

export interface ServeProcess {
  readonly url: string;
  readonly token: string;
  readonly udpPort: number | undefined;
  readonly tcpPort: number | undefined;
  readonly proc: ChildProcess;
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no goodbye. */
  kill9(): Promise<void>;
}

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `rampart-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `rampart serve` on `dataDir` with a YAML config; `token` is reused on restarts. */
export async function startServe(o: {
  dataDir: string;
  configYaml?: string;
  token?: string;
  timeoutMs?: number;
}): Promise<ServeProcess> {
  const args = [BIN, 'serve', '--data', o.dataDir, '--port', '0'];
  if (o.configYaml !== undefined) {
    const file = join(o.dataDir, '..', `${o.dataDir.split('/').pop()}.yaml`);
    writeFileSync(file, o.configYaml);
    args.push('--config', file);
  }
  const proc = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RAMPART_CONFIG: '' },
  });
  let out = '';
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  proc.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((done) => proc.on('exit', (code) => done(code)));
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  // 'ready' comes after the URL, the token and the syslog ports.
  while (!/rampart serve: ready\n/.test(out)) {
    if (proc.exitCode !== null) throw new Error(`rampart serve exited ${proc.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`rampart serve did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /listening on (http:\S+)/.exec(out)![1]!;
  const token = /admin token \(shown once, store it now\): (\S+)/.exec(out)?.[1] ?? o.token;
  if (!token) throw new Error(`no admin token printed and none given:\n${out}`);
  const sys = /syslog udp=(\d+|-) tcp=(\d+|-)/.exec(out);
  const num = (s: string | undefined) => (s && s !== '-' ? Number(s) : undefined);
  // Ready = stores open, windows rebuilt, intake open.
  while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`rampart serve never became ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    token,
    udpPort: num(sys?.[1]),
    tcpPort: num(sys?.[2]),
    proc,
    output: () => out,
    async stop() {
      proc.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** fetch with the admin token (or another), JSON in and out. */
export async function api(
  s: { url: string; token: string },
  path: string,
  init: {
    method?: string;
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
    raw?: string | Uint8Array;
  } = {},
  // biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field with expect; typing each adds nothing.
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? s.token}`, ...init.headers };
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${s.url}${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers,
    body:
      typeof init.raw === 'string'
        ? init.raw
        : init.raw !== undefined
          ? Uint8Array.from(init.raw)
          : init.body === undefined
            ? null
            : JSON.stringify(init.body),
  });
  return readAnswer(res);
}

/** A fetch answer as status, text, its JSON (undefined when the body is not JSON) and headers. */
export async function readAnswer(
  res: Response,
  // biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field with expect.
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Config lines for a fast report cycle that auto-bans brute force (the detection and alerts tests). */
export const AUTO_BAN_BRUTE_FORCE_CONFIG = [
  'server:',
  '  reportCycleSeconds: 1',
  'detect:',
  '  latenessSeconds: 0',
  '  evaluateEverySeconds: 10',
  'decide:',
  '  autoBan:',
  '    - service: "*"',
  '      detectors: [brute_force]',
  '      minScore: 0.5',
  '      actions: [ban]',
];

/** NDJSON for 20 failed logins from one address, half a second apart, starting at `t0`. */
export function failedLoginBurst(ip: string, t0: number): string {
  return Array.from({ length: 20 }, (_, i) =>
    JSON.stringify({
      ip,
      method: 'POST',
      path: '/login',
      status: 401,
      hostname: 'shop.example',
      timestamp: t0 + i * 500,
      user_agent: 'python-requests/2.31',
    }),
  ).join('\n');
}
