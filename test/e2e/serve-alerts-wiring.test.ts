/**
 * The HTTP side of alerts in the real `rampart serve` process: approving a report through the API sends
 * its abuse draft as X-ARF to the network's abuse contact (known from an earlier `rampart lookup` in the
 * same data directory, whose RDAP cache the server reads) without the answer waiting for SMTP, and
 * `GET /api/v1/alerts/deliveries` shows the report message that failed once and was retried, the abuse
 * e-mail, and the audit trail records the send. Runs once the routes are registered in api/app.ts and
 * the approve route calls `onReportApproved` (see docs/alerts.md, "Wiring into rampart serve").
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { startRdapServer, type TestRdapServer } from '../support/rdap-server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import {
  api,
  BIN,
  DIST_BUILT,
  eventually,
  failedLoginBurst,
  ROOT,
  type ServeProcess,
  startServe,
  tempDir,
} from './serve-harness.js';

const SECRET = 'a-test-hmac-secret-of-some-length';
/** Comcast (AS7922, residential in the bundled data): its findings come with an abuse-report draft. */
const RESIDENTIAL = '73.15.1.2';
let s: ServeProcess;
let receiver: TestHttpReceiver;
let smtp: TestSmtpServer;
let rdap: TestRdapServer;
let tmp: ReturnType<typeof tempDir> | undefined;

describe.skipIf(!DIST_BUILT)('rampart serve alert routes', () => {
  beforeAll(async () => {
    tmp = tempDir('serve-alerts-wiring');
    receiver = await startHttpReceiver({ secret: SECRET });
    receiver.script([{ status: 500, body: 'down for a moment' }]);
    smtp = await startSmtpServer();
    const arin = JSON.parse(
      readFileSync(join(ROOT, 'packages/core/src/enrich/rdap/fixtures/arin-8.8.8.8.json'), 'utf8'),
    );
    rdap = await startRdapServer({ arin: ['73.0.0.0/8'] }, { [`/arin/ip/${RESIDENTIAL}`]: { json: arin } });
    const dataDir = `${tmp!.dir}/data`;
    // An operator looked the address up before: the contact is in the data directory's RDAP cache.
    // Asynchronous: the RDAP registry answers from this process.
    const lookup = await promisify(execFile)(
      process.execPath,
      [BIN, 'lookup', RESIDENTIAL, '--data', dataDir, '--rdap-bootstrap', `${rdap.origin}/bootstrap/`],
      { encoding: 'utf8', env: { ...process.env, RAMPART_CONFIG: '' }, timeout: 60_000 },
    );
    expect(lookup.stdout).toContain('network-abuse@google.com');
    s = await startServe({
      dataDir,
      configYaml: [
        'server:',
        '  reportCycleSeconds: 1',
        'detect:',
        '  latenessSeconds: 0',
        '  evaluateEverySeconds: 10',
        'alerts:',
        '  allowPrivateTargets: true',
        '  retry: { baseSeconds: 0.2, maxSeconds: 1 }',
        '  channels:',
        '    - id: siem',
        '      type: webhook',
        `      url: ${receiver.url}`,
        `      secret: ${SECRET}`,
        '      filters: { events: [report.created] }',
        '    - id: soc-mail',
        '      type: email',
        '      filters: { events: [ban.automatic] }',
        '      smtp:',
        '        host: 127.0.0.1',
        `        port: ${smtp.port}`,
        '        tls: none',
        '        from: "Rampart <rampart@example.org>"',
        '        to: [soc@example.org]',
        '',
      ].join('\n'),
    });
  }, 120_000);
  afterAll(async () => {
    expect(await s?.stop()).toBe(0);
    await receiver?.close();
    await smtp?.close();
    await rdap?.close();
    tmp?.cleanup();
  });

  it('sends an approved abuse draft as X-ARF and lists it with the retried report message', async () => {
    const burst = failedLoginBurst(RESIDENTIAL, Date.now() - 40_000);
    const ingested = await api(s, '/api/v1/ingest', {
      raw: burst,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(ingested.json.accepted).toBe(20);
    const listed = await eventually(async () => {
      const r = (await api(s, '/api/v1/reports')).json.reports?.[0];
      return r && r.abuseDrafts > 0 ? r : undefined;
    });

    const approved = await api(s, `/api/v1/reports/${listed.id}/approve`, { body: {} });
    expect(approved.status).toBe(200);
    const mails = await smtp.waitFor(1, 20_000);
    expect(mails[0]!.to).toEqual(['network-abuse@google.com']);
    expect(mails[0]!.parsed.headers.get('x-arf')).toBe('YES');
    expect(mails[0]!.parsed.subject).toContain(RESIDENTIAL);

    const log = await eventually(async () => {
      const reply = (await api(s, '/api/v1/alerts/deliveries')).json;
      const abuse = reply.deliveries?.find((d: { eventType: string }) => d.eventType === 'abuse.report');
      const report = reply.deliveries?.find(
        (d: { eventType: string; status: string }) => d.eventType === 'report.created' && d.status === 'delivered',
      );
      return abuse && report ? { abuse, report } : undefined;
    });
    expect(log.report).toMatchObject({ channel: 'siem', attempts: 2, lastError: expect.stringContaining('HTTP 500') });
    expect(log.abuse).toMatchObject({ status: 'delivered', channel: 'soc-mail', lastError: null });
    const audit = (await api(s, `/api/v1/audit?entityId=${listed.id}`)).json.records as {
      entityKind: string;
      reason: string;
    }[];
    expect(audit.find((a) => a.entityKind === 'abuse_report')?.reason).toMatch(
      /sent 1 of 1 message\(s\) to network-abuse@google\.com/,
    );
  });
});
