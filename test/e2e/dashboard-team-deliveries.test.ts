/**
 * The Alerts page in Chromium against a spawned `rampart serve` with two webhook channels on loopback:
 * one receiver answers 200, the other 500 every time. A burst of failed logins makes a report and an
 * automatic ban; the page lists the messages of both channels, the failing one as failed after its
 * attempts with the receiver's status in the last error, and the filter shows only the failures.
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
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { AUTO_BAN_BRUTE_FORCE_CONFIG, failedLoginBurst } from './serve-harness.js';

let ok: TestHttpReceiver;
let broken: TestHttpReceiver;
let served: Served;
let chrome: LaunchedBrowser;
let page: Page;
let dir: string;

interface Delivery {
  channel: string;
  status: string;
  attempts: number;
}

describe.skipIf(!HAS_CHROMIUM || !HAS_DASHBOARD_BUILD)('dashboard: alert deliveries', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ok = await startHttpReceiver();
    broken = await startHttpReceiver();
    broken.script(Array.from({ length: 50 }, () => ({ status: 500, body: 'receiver is down' })));
    dir = mkdtempSync(join(tmpdir(), 'rampart-dash-alerts-'));
    const config = join(dir, 'rampart.yaml');
    writeFileSync(
      config,
      [
        ...AUTO_BAN_BRUTE_FORCE_CONFIG,
        'alerts:',
        '  allowPrivateTargets: true',
        '  retry: { maxAttempts: 2, baseSeconds: 1, maxSeconds: 1, timeoutSeconds: 5 }',
        '  channels:',
        '    - id: ops',
        '      type: webhook',
        `      url: ${ok.url}`,
        '    - id: siem',
        '      type: webhook',
        `      url: ${broken.url}`,
        '',
      ].join('\n'),
    );
    served = await startServe(['--config', config]);
    chrome = await launchBrowser();
    page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
  }, 120_000);

  afterAll(async () => {
    await chrome?.close();
    await served?.stop();
    await ok?.close();
    await broken?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists delivered and failed messages per channel, with attempts and the last error', async () => {
    const ingested = await fetch(`${served.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/x-ndjson' },
      body: failedLoginBurst('159.89.10.21', Date.now() - 40_000),
    });
    expect(ingested.status).toBeLessThan(300);
    // Wait until the server has given up on the broken channel (2 attempts about a second apart).
    const deadline = Date.now() + 45_000;
    for (;;) {
      const r = await fetch(`${served.url}/api/v1/alerts/deliveries`, {
        headers: { authorization: `Bearer ${served.token}` },
      });
      const { deliveries } = (await r.json()) as { deliveries: Delivery[] };
      const done =
        deliveries.some((d) => d.channel === 'ops' && d.status === 'delivered') &&
        deliveries.some((d) => d.channel === 'siem' && d.status === 'failed');
      if (done) break;
      if (Date.now() > deadline) throw new Error(`no failed delivery in time: ${JSON.stringify(deliveries)}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    await page.goto(served.url);
    await page.getByRole('button', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(served.token);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    const rows = page.locator('[aria-label="Alert deliveries, newest first"] .vbody .vrow');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes('ops (webhook)') && t.includes('delivered'))).toBe(true);
    const failed = texts.find((t) => t.includes('siem (webhook)') && t.includes('failed'));
    expect(failed, texts.join('\n')).toMatch(/failed2gave up/);
    expect(failed).toMatch(/500/);
    expect(await page.getByTestId('delivery-summary').textContent()).toMatch(/[1-9]\d* failed or retrying/);
    await page.screenshot({ path: join(SCREENSHOTS, 'team-alert-deliveries.png'), fullPage: true });

    await page.getByRole('button', { name: 'Failed or retrying' }).click();
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes('siem'))).toBe(true);
    expect(await rows.count()).toBeGreaterThan(0);
  }, 90_000);
});
