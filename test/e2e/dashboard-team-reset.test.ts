/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Links that travel by e-mail, in Chromium against a spawned `rampart serve` whose e-mail channel points
 * at a real SMTP server on loopback: an admin (API token tab) invites a billing user from the Users page
 * and is told the link was e-mailed, and creates and revokes an ingest token in Settings; the person opens the link from the received message, sets a
 * password, sees Usage but not Users and changes the retention limits there; then "Forgot password?" sends a reset link, the reset page
 * refuses the e-mail address as a password with the policy's words, accepts a new one, and only the new
 * password logs in; the Account page changes it again and keeps the session.
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
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

const PERSON = 'alice@example.com';
const FIRST = 'amber lantern over the bay';
const SECOND = 'quiet orchard after rain';
const THIRD = 'paper boats on the canal';

let smtp: TestSmtpServer;
let served: Served;
let chrome: LaunchedBrowser;
let page: Page;
let dir: string;

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** The link of a kind in the `n`-th received message (text part). */
async function linkInMail(n: number, kind: 'invite' | 'reset-password'): Promise<string> {
  const mails = await smtp.waitFor(n, 15_000);
  const mail = mails[n - 1];
  expect(mail?.to).toContain(PERSON);
  const link = new RegExp(`http://127\\.0\\.0\\.1:\\d+/${kind}#token=[\\w-]{43}`).exec(mail?.parsed.text ?? '')?.[0];
  expect(link, mail?.parsed.text).toBeDefined();
  return link ?? '';
}

async function logIn(email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

describe.skipIf(!HAS_CHROMIUM || !HAS_DASHBOARD_BUILD)('dashboard: invitation and reset links by e-mail', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await startSmtpServer();
    dir = mkdtempSync(join(tmpdir(), 'rampart-dash-reset-'));
    const config = join(dir, 'rampart.yaml');
    writeFileSync(
      config,
      [
        'alerts:',
        '  allowPrivateTargets: true',
        '  channels:',
        '    - id: mail',
        '      type: email',
        '      smtp:',
        '        host: 127.0.0.1',
        `        port: ${smtp.port}`,
        '        tls: none',
        '        from: "Rampart <rampart@example.test>"',
        '        to: [ops@example.test]',
      ].join('\n'),
    );
    served = await startServe(['--config', config]);
    chrome = await launchBrowser();
    page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
  }, 120_000);

  afterAll(async () => {
    await chrome?.close();
    await served?.stop();
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the admin invites from the Users page and is told the link went out by e-mail', async () => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(served.token);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    const invite = page.getByRole('form', { name: 'Invite a person' });
    await invite.getByLabel('E-mail').fill(PERSON);
    await invite.getByLabel('Role').selectOption('billing');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const result = page.getByTestId('invite-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('The link was e-mailed to them.');
    const shown = (await result.locator('pre').textContent()) ?? '';
    expect(await linkInMail(1, 'invite')).toBe(shown);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('E-mail', { exact: true }).waitFor();
  }, 60_000);

  it('the admin creates an ingest token in Settings (shown once), and revoking it there refuses its next request', async () => {
    await page.getByRole('button', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(served.token);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const form = page.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Token name').fill('shipper');
    await form.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('token-result').locator('pre');
    await shown.waitFor();
    const token = (await shown.textContent()) ?? '';
    expect(token).toMatch(/^rmp_[\w-]{43}$/);
    const ingest = () =>
      fetch(`${served.url}/api/v1/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          ip: '198.51.100.7',
          method: 'GET',
          path: '/',
          status: 200,
          hostname: 'shop.example',
          timestamp: Date.now(),
        }),
      });
    expect((await ingest()).status).toBeLessThan(300);
    const row = page.locator('[aria-label="API tokens"] button.vrow', { hasText: 'shipper' });
    await expect.poll(() => row.first().textContent()).toMatch(/shipper.*ingest.*active/);
    await row.first().click();
    await page
      .getByRole('region', { name: 'Confirm revoking the token' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect.poll(() => row.first().textContent()).toContain('revoked');
    expect((await ingest()).status).toBe(401);
    await shot('team-tokens');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('E-mail', { exact: true }).waitFor();
  }, 60_000);

  it('the person accepts from the e-mail, sees what billing may see, and follows a demotion made while the page is open', async () => {
    await page.goto(await linkInMail(1, 'invite'));
    await page.getByLabel('New password', { exact: true }).fill(FIRST);
    await page.getByLabel('New password again').fill(FIRST);
    await page.getByRole('button', { name: 'Set password' }).click();
    await logIn(PERSON, FIRST);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Usage', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    expect(await page.locator('.who').textContent()).toContain(`${PERSON} (billing)`);

    // Billing manages retention: the Usage page's form changes it, and the page says where it comes from.
    await nav.getByRole('link', { name: 'Usage', exact: true }).click();
    const form = page.getByRole('form', { name: 'Retention limits' });
    await form.getByLabel(/Keep at most/).fill('5000000');
    await form.getByRole('button', { name: 'Save retention' }).click();
    await expect
      .poll(() => page.getByTestId('retention-text').textContent())
      .toMatch(/at most 5,000,000 events are kept; .*\(set here; overrides the config file\)/);
    const retention = await fetch(`${served.url}/api/v1/retention`, {
      headers: { authorization: `Bearer ${served.token}` },
    });
    expect(await retention.json()).toMatchObject({ maxEvents: 5_000_000, source: 'api' });
    await nav.getByRole('link', { name: 'Traffic', exact: true }).click();

    // An admin demotes her while the page is open: the next request is refused (403).
    const auth = { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' };
    const list = (await (await fetch(`${served.url}/api/v1/users`, { headers: auth })).json()) as {
      users: { id: string; email: string }[];
    };
    const id = list.users.find((u) => u.email === PERSON)?.id ?? '';
    const demoted = await fetch(`${served.url}/api/v1/users/${id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(demoted.status).toBe(200);
    await nav.getByRole('link', { name: 'Usage', exact: true }).click();
    // The refusal makes the page ask for the session again: header, navigation and page follow the new role.
    await expect.poll(() => page.locator('.who').textContent()).toContain(`${PERSON} (viewer)`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('usage:read');
    expect(await nav.getByRole('link', { name: 'Usage', exact: true }).count()).toBe(0);
    await shot('team-refused-after-demotion');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('E-mail', { exact: true }).waitFor();
  }, 60_000);

  it('"Forgot password?" mails a reset link; the page refuses a bad password in words, then only the new one works', async () => {
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByLabel('E-mail', { exact: true }).fill(PERSON);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('is on its way');
    const link = await linkInMail(2, 'reset-password');

    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByLabel('New password', { exact: true }).fill(PERSON);
    await page.getByLabel('New password again').fill(PERSON);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('must not be your e-mail address');
    await shot('team-reset-refused');
    await page.getByLabel('New password', { exact: true }).fill(SECOND);
    await page.getByLabel('New password again').fill(SECOND);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Password set');

    await logIn(PERSON, FIRST);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong/i);
    await page.getByLabel('Password', { exact: true }).fill(SECOND);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect.poll(() => page.locator('.who').textContent()).toContain(PERSON);
  }, 60_000);

  it('the person changes their password on the Account page and stays logged in on the renewed session', async () => {
    await page.locator('.who').getByRole('link').click();
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill(THIRD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');
    await page.getByLabel('Current password').fill(SECOND);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Password changed');
    // The change ended every session and renewed this one: a reload is still logged in.
    await page.reload();
    await expect.poll(() => page.locator('.who').textContent()).toContain(PERSON);
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(PERSON, THIRD);
    await expect.poll(() => page.locator('.who').textContent()).toContain(PERSON);
  }, 60_000);
});
