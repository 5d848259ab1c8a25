#!/usr/bin/env node
/**
 * bench:dashboard — the traffic view's speed in a real browser on a large event store. Builds (once) a data
 * directory of ~N generated lab events with `rampart replay`, starts `rampart serve` on it, logs in with
 * Debian's Chromium and times (a) the traffic view's first load until the chart, every breakdown table
 * and the figures are shown and no request is in flight, and (b) filter changes (clicking a row, the
 * flagged-only toggle) until everything is redrawn. Prints JSON with the load average (shared machine).
 * Usage: npm run bench:dashboard -- [--events 10000000] [--data bench-out/dashboard-10m] [--runs 3]
 * Needs a build (npm run build) and /usr/bin/chromium. The data directory is kept for reruns.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    data: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
const events = Number(values.events);
const runs = Number(values.runs);
const dataDir = resolve(values.data ?? join(ROOT, 'bench-out', `dashboard-${Math.round(events / 1e6)}m`));
const log = (s) => process.stderr.write(`bench:dashboard: ${s}\n`);

/** Big lab days grow by ≈ 133k lines per unit of scale (attackers do not scale with the site). */
const LINES_PER_SCALE = 133_000;
const MAX_DAY_SCALE = 43;

/**
 * Replays generated lab days (seed 1, 2, … on consecutive dates) into the data directory until it holds
 * ~`events` lines; what is there already is counted in bench-lines.txt, so an interrupted build resumes.
 */
async function fillDataDir() {
  const { generateLab } = await import(join(ROOT, 'packages/core/dist/index.js'));
  const { main } = await import(join(ROOT, 'packages/server/dist/cli/main.js'));
  mkdirSync(dataDir, { recursive: true });
  const countFile = join(dataDir, 'bench-lines.txt');
  const [stored = 0, days = 0] = existsSync(countFile)
    ? readFileSync(countFile, 'utf8').trim().split(' ').map(Number)
    : [];
  let lines = stored;
  let day = days;
  let replaySeconds = 0;
  while (lines < events * 0.95) {
    const scale = Math.min(MAX_DAY_SCALE, Math.max(1, (events - lines) / LINES_PER_SCALE));
    const date = new Date(Date.UTC(2026, 10, 20 + day)).toISOString().slice(0, 10);
    const labDir = join(dataDir, 'lab');
    const lab = generateLab({ seed: 1 + day, scale, date, outDir: labDir, formats: ['nginx'] });
    log(`day ${date}: ${lab.lines} lines generated (scale ${scale.toFixed(1)}); replaying`);
    const t = performance.now();
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const code = await main(['node', 'rampart', 'replay', join(labDir, 'access.log'), '--data', dataDir], {
      stdout: quiet,
      stderr: quiet,
      env: {},
      cwd: dataDir,
    });
    rmSync(labDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`rampart replay exited with ${code}`);
    replaySeconds += (performance.now() - t) / 1000;
    lines += lab.lines;
    day++;
    writeFileSync(countFile, `${lines} ${day}\n`);
  }
  return { lines, days: day, replaySeconds: Math.round(replaySeconds) };
}

function startServe() {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'packages/server/bin/rampart.js'), 'serve', '--port', '0', '--data', dataDir],
    {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RAMPART_CONFIG: '' },
    },
  );
  let out = '';
  const tokenFile = join(dataDir, 'bench-token.txt');
  return new Promise((done, fail) => {
    const onData = (b) => {
      out += b.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const printed = /admin token \(shown once[^)]*\): (\S+)/.exec(out)?.[1];
      if (printed) writeFileSync(tokenFile, `${printed}\n`, { mode: 0o600 });
      const token = printed ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
      if (url && token) {
        child.stdout.off('data', onData);
        done({ url, token, child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b) => (out += b.toString()));
    child.on('exit', (c) => fail(new Error(`rampart serve exited with ${c}:\n${out}`)));
  });
}

/**
 * True once the traffic view is fully drawn and idle, after more than `before` requests were started.
 * One self-contained function: it runs in the page, where the CSP forbids eval.
 */
const settled = (before) => {
  const html = document.documentElement;
  const tables = document.querySelectorAll('[data-dimension]');
  return (
    Number(html.dataset.started ?? 0) > before &&
    html.dataset.inflight === '0' &&
    document.querySelector('.uplot canvas') !== null &&
    tables.length === 8 &&
    document.querySelectorAll('.breakdown.loading').length === 0 &&
    [...tables].every((t) => t.querySelector('.vrow:not(.vhead)') || t.textContent.includes('No requests')) &&
    /\d/.test(document.querySelector('[data-testid="traffic-figures"] strong')?.textContent ?? '')
  );
};

async function timeChange(page, act) {
  const before = Number(await page.evaluate(() => document.documentElement.dataset.started ?? 0));
  const t0 = performance.now();
  await act();
  await page.waitForFunction(settled, before, { polling: 'raf', timeout: 120_000 });
  return performance.now() - t0;
}

log(`data directory ${dataDir} (~${events} events; built once, kept for reruns)`);
const built = await fillDataDir();
const { url, token, child } = await startServe();
while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200)
  await new Promise((r) => setTimeout(r, 500));
log(`serving ${url}`);
const profile = mkdtempSync(join(tmpdir(), 'rampart-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  viewport: { width: 1280, height: 900 },
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
const result = {
  bench: 'dashboard',
  dataDir,
  built,
  firstLoadMs: [],
  rowFilterMs: [],
  rowUnfilterMs: [],
  flaggedMs: [],
};
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.getByRole('button', { name: 'API token' }).click();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('traffic-figures').waitFor({ timeout: 120_000 });
  const totals = await (
    await fetch(`${url}/api/v1/traffic/totals?from=0`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  result.storedEvents = totals.all.requests;
  for (let i = 0; i < runs; i++) {
    const fresh = await context.newPage();
    const t0 = performance.now();
    await fresh.goto(`${url}/traffic`);
    await fresh.waitForFunction(settled, -1, { polling: 'raf', timeout: 120_000 });
    result.firstLoadMs.push(Math.round(performance.now() - t0));
    if (i < runs - 1) await fresh.close();
    else {
      for (let j = 0; j < runs; j++) {
        const row = fresh.locator(`[data-dimension="${j % 2 ? 'country' : 'asn'}"] button.vrow`).nth(j);
        result.rowFilterMs.push(Math.round(await timeChange(fresh, () => row.click())));
        const chip = fresh.getByRole('button', { name: /^Remove filter/ }).first();
        result.rowUnfilterMs.push(Math.round(await timeChange(fresh, () => chip.click())));
      }
      const flagged = fresh.getByRole('checkbox', { name: /Flagged only/ });
      for (let j = 0; j < runs; j++) result.flaggedMs.push(Math.round(await timeChange(fresh, () => flagged.click())));
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  child.kill('SIGTERM');
}
result.loadAverage = loadavg().map((x) => Number(x.toFixed(1)));
console.log(JSON.stringify(result, null, 1));
