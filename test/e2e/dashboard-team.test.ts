/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * People and roles in a real browser (Debian's Chromium via playwright-core) against a spawned
 * `rampart serve --demo` on loopback: an admin invited with `rampart users add` sets a password from the
 * link and logs in with e-mail and password, invites a viewer from the Users page, the viewer accepts,
 * logs in, reads reports without an approve control and is refused (403) when approving through the API
 * with their own session, and the admin finds the invitation, the acceptance and the log-in in the audit
 * log. Then: the lock-out message after wrong passwords and its clearing from Users, usage, the delivery
 * log, a role change and a removal through their confirmations.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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
import { BIN } from './serve-harness.js';

const ADMIN = 'admin@example.com';
const ADMIN_PASSWORD = 'copper kettle hums at dawn';
const VIEWER = 'viewer@example.com';
const VIEWER_PASSWORD = 'seven blue herons wade';

let served: Served;
let chrome: LaunchedBrowser;
let page: Page;
let viewerLink = '';
const pageErrors: string[] = [];
const cspViolations: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** `rampart users add` on the server's data directory, as an operator would on the host. */
function inviteFromCli(email: string, role: string): string {
  const run = spawnSync(
    process.execPath,
    [BIN, 'users', 'add', email, '--role', role, '--url', served.url, '--data', served.dataDir, '--actor', 'ops'],
    { encoding: 'utf8', env: { ...process.env, RAMPART_CONFIG: '' } },
  );
  expect(run.status, run.stderr).toBe(0);
  const link = /(http:\/\/\S+\/invite#token=[\w-]{43})/.exec(run.stdout)?.[1];
  expect(link, run.stdout).toBeDefined();
  return link ?? '';
}

/** Opens an invitation link, refuses a weak password, then sets `password`; ends on the log-in page. */
async function acceptInvitation(link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
  // The token leaves the address bar (and so the history) as soon as the page has it.
  await expect.poll(() => page.url()).not.toContain('token=');
  await page.getByLabel('New password', { exact: true }).fill('password123');
  await page.getByLabel('New password again').fill('password123');
  await page.getByRole('button', { name: 'Set password' }).click();
  // The server's policy text, and the link is not used up by a refused password.
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/common/i);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Password set');
}

async function logIn(email: string, password: string): Promise<void> {
  if (!page.url().endsWith('/login')) await page.goto(`${served.url}/login`);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await expect.poll(() => page.locator('.who').textContent()).toContain(email);
}

async function logOut(): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('E-mail', { exact: true }).waitFor();
}

describe.skipIf(!HAS_CHROMIUM || !HAS_DASHBOARD_BUILD)('dashboard: a team with roles, in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    served = await startServe(['--demo']);
    chrome = await launchBrowser();
    page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await chrome?.close();
    await served?.stop();
  });

  it('an admin invited with `rampart users add` sets a password from the link and logs in with it', async () => {
    const link = inviteFromCli(ADMIN, 'admin');
    await acceptInvitation(link, ADMIN_PASSWORD);
    await shot('team-01-password-set');
    // The e-mail is filled in from the invitation; a wrong password is refused in words.
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe(ADMIN);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await logIn(ADMIN, ADMIN_PASSWORD);
    expect(await page.locator('.who').textContent()).toContain('(admin)');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'rampart_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    // The used link does not work a second time.
    await page.goto(link);
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByLabel('New password', { exact: true }).fill('another long passphrase');
    await page.getByLabel('New password again').fill('another long passphrase');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
  }, 90_000);

  it('the admin invites a viewer from the Users page and is shown the link once', async () => {
    await page.goto(`${served.url}/traffic`);
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    const invite = page.getByRole('form', { name: 'Invite a person' });
    await invite.getByLabel('E-mail').fill(VIEWER);
    await invite.getByLabel('Role').selectOption('viewer');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const result = page.getByTestId('invite-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Invited viewer@example\.com as viewer\..*e-mailed/);
    viewerLink = (await result.locator('pre').textContent()) ?? '';
    expect(viewerLink).toMatch(new RegExp(`^${served.url}/invite#token=[\\w-]{43}$`));
    await result.getByRole('button', { name: /^Copy / }).waitFor();
    const row = page.locator('[aria-label="Users"] .vrow', { hasText: VIEWER });
    await expect.poll(() => row.first().textContent()).toMatch(/viewer.*invited/);
    await shot('team-02-users-invited');
    // Shown once: reloading the page does not show it again.
    await page.reload();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    expect(await page.getByTestId('invite-result').count()).toBe(0);
    await logOut();
  }, 60_000);

  it('the viewer accepts, logs in, reads a report without approve controls, and the API refuses an approval', async () => {
    expect(viewerLink).not.toBe('');
    await acceptInvitation(viewerLink, VIEWER_PASSWORD);
    await logIn(VIEWER, VIEWER_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Reports', exact: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Simulate', exact: true }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Reports', exact: true }).click();
    const first = page.locator('[aria-label="Reports"] button.vrow').first();
    await first.waitFor();
    await first.click();
    await page.locator('[aria-label="Report items"] .vrow').first().waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByRole('button', { name: /Approve|Dismiss/ }).count()).toBe(0);
    expect(await page.locator('[aria-label="Report items"] button.vrow').count()).toBe(0);
    await shot('team-03-viewer-report');

    // The viewer's own session (cookie + its CSRF token) asking to approve: refused by the API.
    const refused = await page.evaluate(async () => {
      const s = (await (await fetch('/api/v1/session')).json()) as { csrf?: string; permissions?: string[] };
      const list = (await (await fetch('/api/v1/reports?limit=5')).json()) as { reports: { id: string }[] };
      const id = list.reports[0]?.id ?? 'none';
      const r = await fetch(`/api/v1/reports/${encodeURIComponent(id)}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrf ?? '' },
        body: '{}',
      });
      return { status: r.status, body: await r.text(), permissions: s.permissions ?? [], hasCsrf: Boolean(s.csrf) };
    });
    expect(refused.hasCsrf).toBe(true);
    expect(refused.permissions).toContain('reports:read');
    expect(refused.permissions).not.toContain('reports:decide');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('FORBIDDEN');

    // A page the role cannot see says so instead of failing.
    await page.goto(`${served.url}/users`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('users:read');
    await logOut();
  }, 90_000);

  it('the admin sees the invitation, the acceptance and the viewer log-in in the audit log', async () => {
    await logIn(ADMIN, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toContain('Chain verified');
    await page.getByLabel('Search the audit log').fill(VIEWER);
    const rows = page.locator('[aria-label="Audit records, newest first"] .vrow');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    const invited = texts.find((t) => t.includes('invitation created'));
    expect(invited, texts.join('\n')).toContain(ADMIN);
    expect(texts.some((t) => t.includes('invitation accepted'))).toBe(true);
    expect(texts.some((t) => t.includes('login') && t.includes('success') && t.includes(VIEWER))).toBe(true);
    await shot('team-04-audit');
    await logOut();
  }, 60_000);

  it('says when an account is locked after repeated wrong passwords; an admin clears the lock-out from Users', async () => {
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('E-mail', { exact: true }).fill(VIEWER);
      await page.getByLabel('Password', { exact: true }).fill(`wrong guess number ${i}`);
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(i < 5 ? /wrong/ : /locked/);
    }
    expect(await page.getByRole('alert').textContent()).toMatch(/Try again in \d+ min/);
    await shot('team-05-locked');
    // Locked: even the right password is refused.
    await page.getByLabel('Password', { exact: true }).fill(VIEWER_PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/locked/);

    await logIn(ADMIN, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    const row = page.locator('[aria-label="Users"] button.vrow', { hasText: VIEWER }).first();
    await expect.poll(() => row.textContent()).toMatch(/locked until \d\d:\d\d UTC/);
    await row.click();
    await page.getByRole('button', { name: 'Clear log-in lock-out' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toContain('lock-out');
    // Cleared: the list says so and the button is gone.
    await expect.poll(() => row.textContent()).not.toMatch(/locked/);
    expect(await page.getByRole('button', { name: 'Clear log-in lock-out' }).count()).toBe(0);
    await logOut();
    await logIn(VIEWER, VIEWER_PASSWORD);
    await logOut();
    await logIn(ADMIN, ADMIN_PASSWORD);
  }, 60_000);

  it('the admin reads usage and the delivery log, then changes the viewer role and removes them, confirming each', async () => {
    await page.getByRole('link', { name: 'Usage', exact: true }).click();
    const figures = page.getByTestId('usage-figures');
    await figures.waitFor();
    expect(await figures.textContent()).toMatch(/Stored requests[1-9][\d,]* from /);
    await page.locator('[aria-label="Requests per service"] .vrow', { hasText: 'default' }).first().waitFor();
    await page.locator('[aria-label="Requests per day"] .vrow').first().waitFor();
    await shot('team-06-usage');

    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('heading', { name: 'Alert deliveries' }).waitFor();
    await page.getByText(/No alert channels are configured/).waitFor();

    await page.getByRole('link', { name: 'Users', exact: true }).click();
    const row = page.locator('[aria-label="Users"] button.vrow', { hasText: VIEWER });
    await expect.poll(() => row.first().textContent()).toMatch(/viewer.*active/);
    await row.first().click();
    await page.getByLabel(`New role for ${VIEWER}`).selectOption('billing');
    await page.getByRole('button', { name: 'Change role' }).click();
    // Nothing changes until confirmed; Cancel leaves it as it was.
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.first().textContent()).toMatch(/viewer/);
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByRole('button', { name: 'Make billing' }).click();
    await expect.poll(() => row.first().textContent()).toMatch(/billing.*active/);

    await row.first().click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    const confirm = page.getByRole('region', { name: 'Confirm the removal' });
    expect(await confirm.textContent()).toContain(VIEWER);
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row.count()).toBe(0);
    await logOut();
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 60_000);
});
