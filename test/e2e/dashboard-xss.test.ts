/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * Log data is attacker-controlled: payloads sent as paths, user agents and referers (through the ingest
 * API, as nginx lines) must show up as literal text in every view that shows them — no script runs, no
 * dialog opens, no element is injected, no `javascript:` link exists — and the page's CSP forbids inline
 * script as a second wall.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  HAS_DASHBOARD_BUILD,
  type LaunchedBrowser,
  launchBrowser,
  SCREENSHOTS,
  type Served,
  startServe,
} from '../support/browser.js';

const ATTACKER = '203.0.113.66';
const SCRIPT_PATH = '/<script>window.__pwned=1;alert(1)</script>';
const IMG_UA = '<img src=x onerror="window.__pwned=2;alert(2)">';
const JS_REFERER = 'javascript:alert(document.domain)';
const SVG_PATH = '/<svg/onload=alert(3)>';

let served: Served;
let chrome: LaunchedBrowser;
let page: Page;
const dialogs: string[] = [];
let findingId: string | undefined;
let workDir: string | undefined;

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${served.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${served.token}`, ...(init.headers ?? {}) },
  });

/** CLF time as nginx writes it: 20/Nov/2026:23:50:00 +0000 */
function clf(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

async function assertInert(where: string): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    injectedImages: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length,
    scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? 'inline'),
    jsLinks: [...document.querySelectorAll('[href], [src]')].filter((e) =>
      /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? ''),
    ).length,
  }));
  expect(state.pwned, where).toBeNull();
  expect(state.injectedImages, where).toBe(0);
  expect(state.jsLinks, where).toBe(0);
  expect(
    state.scripts.every((s) => s.startsWith('/assets/')),
    `${where}: ${state.scripts.join(' ')}`,
  ).toBe(true);
  expect(dialogs, where).toEqual([]);
}

describe.skipIf(!HAS_CHROMIUM || !HAS_DASHBOARD_BUILD)('dashboard: log values are inert text', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'rampart-xss-'));
    workDir = dir;
    writeFileSync(join(dir, 'rampart.yaml'), 'server:\n  reportCycleSeconds: 1\n');
    served = await startServe(['--demo', '--config', join(dir, 'rampart.yaml')], { dataDir: join(dir, 'data') });
    const totals = (await (await api('/api/v1/traffic/totals?from=0')).json()) as { to: number };
    // A scanner right after the demo day (newest events, so detection takes them in event time): many 404s for hostile paths, hostile UA and referer.
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      const path = i % 3 === 0 ? SCRIPT_PATH : i % 3 === 1 ? SVG_PATH : `/backup-${i}.sql<b>bold</b>`;
      lines.push(
        `${ATTACKER} - - [${clf(totals.to + i * 500)}] "GET ${path} HTTP/1.1" 404 153 "${JS_REFERER}" "${IMG_UA}"`,
      );
    }
    const r = await api('/api/v1/ingest?format=nginx_combined', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: `${lines.join('\n')}\n`,
    });
    expect(r.status).toBe(200);
    // Detection runs every second here: wait for the scanner's finding.
    for (let i = 0; i < 60 && !findingId; i++) {
      const f = (await (await api(`/api/v1/findings?ip=${ATTACKER}`)).json()) as { findings: { id: string }[] };
      findingId = f.findings[0]?.id;
      if (!findingId) await new Promise((done) => setTimeout(done, 1000));
    }
    chrome = await launchBrowser();
    page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const login = await page.goto(served.url);
    expect(login?.headers()['content-security-policy']).not.toContain('unsafe-inline');
    await page.getByRole('button', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(served.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('traffic-figures').waitFor();
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await served?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('the traffic breakdowns show hostile paths and user agents as literal text', async () => {
    await page.goto(`${served.url}/traffic?ip=${ATTACKER}`);
    const paths = page.locator('[data-dimension="path_template"]');
    await paths.locator('button.vrow').first().waitFor();
    const ua = page.locator('[data-dimension="ua_family"]');
    await ua.locator('button.vrow').first().waitFor();
    const pathText = await paths.textContent();
    expect(pathText).toContain('<svg/onload=alert(3)>');
    expect(pathText).toMatch(/<script>/);
    await page.screenshot({ path: join(SCREENSHOTS, 'xss-traffic.png'), fullPage: true });
    await assertInert('traffic');
  });

  it('the finding page shows evidence lines (path, referer, user agent) as literal text', async () => {
    expect(findingId, 'the scanner was detected').toBeDefined();
    await page.goto(`${served.url}/findings/${encodeURIComponent(findingId ?? '')}`);
    await page.getByRole('heading', { name: 'Evidence' }).waitFor();
    const evidence = (await page.locator('.evidence').textContent()) ?? '';
    expect(evidence).toContain(JS_REFERER);
    expect(evidence).toContain(IMG_UA);
    await page.screenshot({ path: join(SCREENSHOTS, 'xss-finding.png'), fullPage: true });
    await assertInert('finding');
  });

  it('the findings list, the simulation and the audit log stay inert', async () => {
    await page.goto(`${served.url}/findings`);
    await page.locator('[aria-label="Findings"] button.vrow').first().waitFor();
    await assertInert('findings');
    await page.goto(`${served.url}/simulate?finding=${encodeURIComponent(findingId ?? '')}`);
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor();
    await expect.poll(() => result.textContent()).toContain('<svg/onload=alert(3)>');
    await assertInert('simulation');
    await page.goto(`${served.url}/audit`);
    await page.getByTestId('audit-verify').waitFor();
    await assertInert('audit');
  }, 60_000);
});
