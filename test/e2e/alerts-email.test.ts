/**
 * E-mail alerts and abuse-report mails against a real SMTP server on loopback (smtp-server), each
 * message parsed back with mailparser: subject, text and HTML parts, HTML escaping of log-derived text,
 * STARTTLS with authentication (password from a file), temporary and permanent SMTP failures, and the
 * X-ARF multipart/mixed parts of an abuse report.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmtpSettings } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createAlertDispatcher } from '../../packages/server/src/notify/dispatcher.js';
import { sendAbuseReport } from '../../packages/server/src/notify/email/abuse-report-mail.js';
import type { StateStore } from '../../packages/server/src/store/contract/state-store.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { alertsConfig, EVIL, finding, openState, report, tempStatePath } from './alerts-fixture.js';

let smtp: TestSmtpServer;
let store: StateStore;
afterEach(async () => {
  await smtp?.close();
  await store?.close();
});

const smtpSettings = (port: number, over: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  tls: 'none',
  rejectUnauthorized: true,
  from: 'Rampart <rampart@example.org>',
  to: ['soc@example.org', 'oncall@example.org'],
  timeoutSeconds: 5,
  ...over,
});

/** The parts of a multipart message as sent: content type and body, in order. */
function mimeParts(raw: string): { type: string; body: string }[] {
  const boundary = /boundary="([^"]+)"/.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => {
      const [head = '', ...rest] = p.replace(/^\r\n/, '').split('\r\n\r\n');
      return { type: /^Content-Type: (.*)$/m.exec(head)?.[1]?.trim() ?? '', body: rest.join('\r\n\r\n') };
    });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('e-mail alerts', () => {
  it('sends text and HTML parts over STARTTLS with a password read from a file, HTML-escaping log text', async () => {
    smtp = await startSmtpServer({ starttls: true, auth: { user: 'rampart', pass: 's3cret pass' } });
    const dir = mkdtempSync(join(tmpdir(), 'rampart-smtp-'));
    writeFileSync(join(dir, 'smtp-password'), 's3cret pass\n');
    store = openState(tempStatePath());
    const smtpConfig = smtpSettings(smtp.port, {
      tls: 'starttls',
      rejectUnauthorized: false, // the test server's certificate is self-signed
      user: 'rampart',
      passwordFile: join(dir, 'smtp-password'),
    });
    const d = createAlertDispatcher(alertsConfig({ channels: [{ id: 'mail', type: 'email', smtp: smtpConfig }] }), {
      stateStore: store,
      publicUrl: 'https://rampart.example',
    });
    d.emit({ type: 'report.created', report: report('r-77') });
    const [mail] = await smtp.waitFor(1);
    await d.close();
    expect(mail?.secure).toBe(true);
    expect(mail?.user).toBe('rampart');
    expect(mail?.to).toEqual(['soc@example.org', 'oncall@example.org']);
    expect(mail?.parsed.subject).toBe('[Rampart] New report for api: 1 finding(s)');
    expect(mail?.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const text = mail?.parsed.text ?? '';
    expect(text).toContain('ip 198.51.100.7 (credential_stuffing, score 0.93): ban ip 198.51.100.7');
    expect(text).toContain(EVIL);
    expect(text).toContain('Open in Rampart: https://rampart.example/reports/r-77');
    const html = typeof mail?.parsed.html === 'string' ? mail.parsed.html : '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; &amp; &quot;quoted&quot;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="https://rampart.example/reports/r-77">');
  });

  it('retries a 451 temporary failure and gives up on a 550 permanent one', async () => {
    smtp = await startSmtpServer();
    store = openState(tempStatePath());
    const config = alertsConfig({
      channels: [{ id: 'mail', type: 'email', smtp: smtpSettings(smtp.port) }],
      retry: { baseSeconds: 0.05 },
    });
    const d = createAlertDispatcher(config, { stateStore: store });
    smtp.failNext(1, 451);
    d.emit({ type: 'report.created', report: report('r1') });
    await smtp.waitFor(1);
    await until(() => d.deliveryLog()[0]?.status === 'delivered');
    expect(d.deliveryLog()[0]).toMatchObject({ attempts: 2 });
    expect(d.deliveryLog()[0]?.lastError).toContain('451');
    smtp.failNext(1, 550);
    d.emit({ type: 'report.created', report: report('r2') });
    await until(() => d.deliveryLog().some((r) => r.key === 'report:r2' && r.status === 'failed'));
    await d.close();
    expect(d.deliveryLog().find((r) => r.key === 'report:r2')).toMatchObject({ attempts: 1, status: 'failed' });
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('abuse-report e-mails', () => {
  const draftOf = () => {
    const r = report('r9', [finding('f1', '198.51.100.7'), finding('f2', '198.51.100.8')]);
    const draft = r.abuseDrafts[0];
    if (!draft) throw new Error('fixture has no abuse draft');
    return draft;
  };

  it('sends each X-ARF message as multipart/mixed with the human part, report.txt (YAML) and logfile.log', async () => {
    smtp = await startSmtpServer();
    const draft = draftOf();
    const res = await sendAbuseReport(draft, smtpSettings(smtp.port), { from: 'abuse-desk@example.org' });
    expect(res).toEqual({ sent: 2, failed: [], refused: undefined });
    const mails = await smtp.waitFor(2);
    for (const m of mails) {
      expect(m.to).toEqual(['abuse@comcast.example']);
      expect(m.from).toBe('abuse-desk@example.org');
      expect(m.parsed.headers.get('x-arf')).toBe('YES');
      expect(m.raw).toMatch(/Content-Type: multipart\/mixed; boundary=/);
      // X-ARF parts are identified by order and name (no Content-Disposition), so read the MIME parts as sent.
      const parts = mimeParts(m.raw);
      expect(parts.map((p) => p.type)).toEqual([
        'text/plain; charset=utf-8',
        'text/plain; charset=utf-8; name="report.txt"',
        'text/plain; charset=utf-8; name="logfile.log"',
      ]);
      const yaml = parseYaml(parts[1]?.body ?? '');
      expect(yaml).toMatchObject({
        'Report-Type': 'login-attack',
        'Source-Type': 'ip-address',
        Version: '0.2',
        Category: 'abuse',
      });
      expect(parts[2]?.body).toContain('POST /login HTTP/1.1');
      expect(parts[2]?.body).toContain(String(yaml.Source));
      expect(m.parsed.text).toContain('our service "api" received abusive automated traffic');
    }
    expect(mails.map((m) => m.parsed.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('[198.51.100.7]'), expect.stringContaining('[198.51.100.8]')]),
    );
  });

  it('sends the plain-text draft to an approver-given recipient without the reviewer header lines', async () => {
    smtp = await startSmtpServer();
    const res = await sendAbuseReport(draftOf(), smtpSettings(smtp.port), { format: 'text', to: 'noc@isp.example' });
    expect(res.sent).toBe(1);
    const [m] = await smtp.waitFor(1);
    expect(m?.to).toEqual(['noc@isp.example']);
    expect(m?.parsed.subject).toMatch(/^Abuse report: credential_stuffing from AS7922, 2 address\(es\)/);
    expect(m?.parsed.text?.startsWith('Hello Comcast Cable abuse team,')).toBe(true);
  });

  it('refuses without a known contact or with a malformed recipient, and reports an SMTP rejection as a value', async () => {
    smtp = await startSmtpServer();
    const draft = { ...draftOf(), contact: undefined };
    expect((await sendAbuseReport(draft, smtpSettings(smtp.port))).refused).toContain(
      'no abuse contact known for AS7922',
    );
    expect((await sendAbuseReport(draft, smtpSettings(smtp.port), { to: 'x@y\r\nBcc: z@w' })).refused).toContain(
      'is not an e-mail address',
    );
    smtp.failNext(5, 550);
    const res = await sendAbuseReport(draftOf(), smtpSettings(smtp.port));
    expect(res.sent).toBe(0);
    expect(res.failed).toHaveLength(2);
    expect(res.failed[0]?.error).toContain('550');
    expect(smtp.mails).toHaveLength(0);
  });
});
