/**
 * An empty data directory: after log-in the dashboard shows how to send logs (nginx syslog and file tail,
 * Cloudflare Logpush, Vector, curl) with this server's address in copyable snippets; after logs arrive
 * through the ingest API, the same page is the traffic view.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

describe.skipIf(!HAS_CHROMIUM || !HAS_DASHBOARD_BUILD)('dashboard: first run', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    served = await startServe();
    chrome = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await chrome?.close();
    await served?.stop();
  });

  it('shows copyable ingest snippets until the first logs arrive, then the traffic view', async () => {
    const page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
    await page.goto(`${served.url}/traffic`);
    await page.getByRole('button', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(served.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: /No traffic yet/ }).waitFor();
    const text = (await page.locator('.first-run').textContent()) ?? '';
    const host = new URL(served.url).hostname;
    expect(text).toContain(`access_log syslog:server=${host}:5514`);
    expect(text).toContain(`${served.url}/api/v1/ingest?format=cloudflare`);
    expect(text).toContain('type = "http"');
    expect(text).toContain('path: /var/log/nginx/access.log');
    expect(await page.getByRole('button', { name: /^Copy / }).count()).toBe(5);
    await page.screenshot({ path: join(SCREENSHOTS, '00-first-run.png'), fullPage: true });

    const line = '198.51.100.9 - - [20/Nov/2026:12:00:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "curl/8.5.0"\n';
    const r = await fetch(`${served.url}/api/v1/ingest?format=nginx_combined`, {
      method: 'POST',
      headers: { authorization: `Bearer ${served.token}`, 'content-type': 'text/plain' },
      body: line,
    });
    expect(r.status).toBe(200);
    // The event store makes appends visible asynchronously: reload until the view switches.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('traffic-figures').or(page.locator('.first-run')).first().getAttribute('class');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .not.toBe('stack first-run');
    await expect.poll(() => page.locator('[data-dimension="ip"]').textContent()).toContain('198.51.100.9');
  }, 90_000);
});
