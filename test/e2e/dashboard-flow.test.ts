/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * The on-call flow in a real browser (Debian's Chromium via playwright-core) against a spawned
 * `rampart serve --demo`: log in, traffic view, the top finding, simulate its ban, apply it, and see the
 * ban in the ban list, the audit log and the iptables export. Saves a screenshot of every view.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '@rampart/core';
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

let served: Served;
let chrome: LaunchedBrowser;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];
const cspViolations: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe.skipIf(!HAS_CHROMIUM || !HAS_DASHBOARD_BUILD)('dashboard: the on-call flow in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    served = await startServe(['--demo']);
    chrome = await launchBrowser();
    page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await chrome?.close();
    await served?.stop();
  });

  it('serves the app with a CSP that allows no inline script, and asks to log in first', async () => {
    const response = await page.goto(served.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    await page.getByLabel('E-mail').waitFor();
    await shot('01-login');
    // Tokens are for first set-up and machines: their own tab.
    await page.getByRole('button', { name: 'API token' }).click();
    await page.getByLabel('API token').waitFor();
  });

  it('refuses a wrong token, then logs in with the admin token into an HttpOnly, SameSite=Strict cookie', async () => {
    await page.getByLabel('API token').fill('rmp_not-a-real-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await page.getByLabel('API token').fill(served.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('traffic-figures').waitFor();
    const cookie = (await page.context().cookies()).find((c) => c.name === 'rampart_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(await page.evaluate(() => document.cookie)).not.toContain('rampart_session');
  });

  it('shows the traffic chart and breakdowns; clicking a row filters the rest', async () => {
    await page.locator('.uplot canvas').first().waitFor();
    const ipTable = page.locator('[data-dimension="ip"]');
    await ipTable.locator('button.vrow').first().waitFor();
    await shot('02-traffic');
    const firstIp = (await ipTable.locator('button.vrow span').first().textContent()) ?? '';
    await ipTable.locator('button.vrow').first().click();
    await expect.poll(() => page.url()).toContain(`ip=${encodeURIComponent(firstIp)}`);
    // The IP table now holds the selected address only.
    await expect.poll(() => ipTable.locator('button.vrow').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear all' }).click();
  });

  it('opens the top finding with its signals, enrichment and evidence', async () => {
    await page.getByRole('link', { name: 'Findings', exact: true }).click();
    await page.locator('[aria-label="Findings"] button.vrow').first().waitFor();
    await shot('03-findings');
    const answer = await fetch(`${served.url}/api/v1/findings?limit=50`, {
      headers: { authorization: `Bearer ${served.token}` },
    });
    const findings = (await answer.json()) as { findings: Finding[] };
    const top = findings.findings.find((f) => f.recommendation.scope === 'ip' && f.recommendation.action === 'ban');
    expect(top, 'the demo day has an address to ban').toBeDefined();
    const target = top?.recommendation.target ?? '';
    const row = page.locator('[aria-label="Findings"] button.vrow', { hasText: target }).first();
    if ((await row.count()) > 0) await row.click();
    else await page.goto(`${served.url}/findings/${encodeURIComponent(top?.id ?? '')}`);
    await page.getByRole('heading', { name: 'Signals' }).waitFor();
    await page.getByRole('heading', { name: 'Evidence' }).waitFor();
    await page.locator('.uplot').first().waitFor();
    await shot('04-finding');

    await page.getByRole('link', { name: /^Simulate (ban|throttle)$/ }).click();
    await expect.poll(() => page.getByLabel(/Ban candidates/).inputValue()).toBe(target);
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor();
    await expect.poll(() => result.textContent()).toMatch(/Blocked requests[\d,]+ \(/);
    await result.locator('.uplot').waitFor();
    await shot('05-simulation');

    await page.getByLabel(/Reason/).fill('dashboard e2e: scanner from the demo day');
    await page.getByRole('button', { name: /Apply 1 ban/ }).click();
    await page.getByRole('heading', { name: 'Bans' }).waitFor();
    const banRow = page.locator('[aria-label="Bans"] .vrow', { hasText: target });
    await banRow.first().waitFor();
    expect(await banRow.first().textContent()).toContain('dashboard e2e');
    await expect.poll(() => page.getByTestId('export-preview').textContent()).toContain(target);
    expect(await page.getByTestId('export-preview').textContent()).toMatch(/-j (DROP|REJECT)/);
    await shot('06-bans');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toContain('Chain verified');
    await page.getByLabel('Search the audit log').fill(target);
    const auditRow = page.locator('[aria-label="Audit records, newest first"] .vrow', { hasText: target });
    await auditRow.first().waitFor();
    expect(await auditRow.first().textContent()).toContain('token:admin');
    await shot('07-audit');
  }, 90_000);

  it('renders the other views (reports, allowlist, abuse drafts, settings) without errors', async () => {
    for (const [name, heading] of [
      ['reports', 'Reports'],
      ['allow', 'Allowlist'],
      ['abuse', 'Abuse reports'],
      ['settings', 'Settings'],
    ] as const) {
      await page.goto(`${served.url}/${name}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await shot(`08-${name}`);
    }
    await page.locator('[aria-label="Export formats"] .vrow', { hasText: '/api/v1/export/iptables' }).first().waitFor();
    await page.locator('[aria-label="Services"] .vrow', { hasText: '(default)' }).first().waitFor();
    expect(await page.locator('[aria-label="Services"]').textContent()).toMatch(/strict|normal|lenient/);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    // The app itself lives within its CSP: no inline script or style element, no eval.
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it('dismisses one item of a report, leaving the report partly decided', async () => {
    await page.goto(`${served.url}/reports`);
    const first = page.locator('[aria-label="Reports"] button.vrow').first();
    await first.waitFor();
    await first.click();
    const items = page.locator('[aria-label^="Report items"] button.vrow');
    await items.first().waitFor();
    const pending = items.filter({ hasText: 'pending' });
    const before = await pending.count();
    expect(before).toBeGreaterThan(0);
    await pending.first().click();
    await page.getByRole('button', { name: 'Dismiss selected' }).click();
    await expect.poll(() => items.filter({ hasText: 'dismissed' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toMatch(before > 1 ? /partial/ : /dismissed/);
    await shot('08-report');
  });

  it('adds, edits and removes an allowlist entry, each with a reason', async () => {
    await page.goto(`${served.url}/allow`);
    await page.getByLabel('Value').fill('192.0.2.0/24');
    await page.getByLabel('Reason').fill('monitoring probes');
    await page.getByRole('button', { name: 'Add' }).click();
    const row = page.locator('[aria-label="Allowlist"] button.vrow', { hasText: '192.0.2.0/24' });
    await row.first().waitFor();
    await row.first().click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Reason').fill('monitoring probes (ticket 42)');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.first().textContent()).toContain('ticket 42');
    expect(await row.count()).toBe(1);
    await row.first().click();
    await page.getByRole('button', { name: 'Expire / remove' }).click();
    await page.getByLabel(/: reason$/).fill('probes moved');
    await page.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('works on a narrow screen and in the dark theme', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${served.url}/traffic`);
    await page.locator('.uplot canvas').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot('09-traffic-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: /Switch to dark theme|Switch to light theme/ }).click();
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(['dark', 'light']).toContain(theme);
    await page.goto(`${served.url}/traffic`);
    await page.locator('.uplot canvas').first().waitFor();
    await shot('10-traffic-theme-toggled');
  });
});
