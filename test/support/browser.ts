/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium, from apt) with playwright-core; no browser is
 * ever downloaded. Also starts `rampart serve` as a child process on a free port with a temp data dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HAS_DASHBOARD_BUILD =
  existsSync(join(ROOT, 'packages/dashboard/dist/index.html')) &&
  existsSync(join(ROOT, 'packages/server/dist/cli/main.js'));
export const SCREENSHOTS = join(ROOT, 'test-artifacts/screenshots');

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile in a new temp directory each time (playwright passes it as --user-data-dir). */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'rampart-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Served {
  readonly url: string;
  readonly token: string;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Spawns the built CLI: `rampart serve --port 0 --data <tmp> [args]`; resolves once it is ready. */
export async function startServe(
  args: readonly string[] = [],
  opts: { dataDir?: string; timeoutMs?: number } = {},
): Promise<Served> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'rampart-serve-'));
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'packages/server/bin/rampart.js'), 'serve', '--port', '0', '--data', dataDir, ...args],
    { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RAMPART_CONFIG: '' } },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const started = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rampart serve did not start:\n${out}`)), opts.timeoutMs ?? 90_000);
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /admin token \(shown once[^)]*\): (\S+)/.exec(out)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rampart serve exited with ${code}:\n${out}`));
    });
  });
  // Listening comes before the demo day and the rebuilt windows: wait until the server says it is ready.
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while ((await fetch(`${started.url}/readyz`).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`rampart serve never became ready:\n${out}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    ...started,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
