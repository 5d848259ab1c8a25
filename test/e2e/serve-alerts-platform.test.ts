/**
 * The alert wiring of `rampart serve`'s platform (SQLite, DuckDB, the real detection engine, the real
 * dispatcher) against real peers on loopback: a detector that throws is disabled for its service and
 * reported once to a webhook that fails the first attempt, while the other detectors keep finding; the
 * delivery-log route over a real socket shows that delivery failed, then retried and delivered; an
 * approved report's abuse draft reaches an SMTP server as X-ARF mails to the network's abuse contact,
 * once, with the outcome in the audit trail and the delivery log, and the approval call does not wait.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type AnyDetectorFactory, buildReport, configFromObject, DETECTORS, makeRequestEvent } from '@rampart/core';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertRoutes } from '../../packages/server/src/api/routes/alerts.js';
import { openPlatform, type Platform } from '../../packages/server/src/serve/platform.js';
import { approveReport } from '../../packages/server/src/store/report-approval.js';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { startRdapServer, type TestRdapServer } from '../support/rdap-server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { finding } from './alerts-fixture.js';
import { eventually } from './serve-harness.js';

const SECRET = 'a-test-hmac-secret-of-some-length';
const dir = mkdtempSync(join(tmpdir(), 'rampart-serve-alerts-platform-'));
let receiver: TestHttpReceiver;
let smtp: TestSmtpServer;
let rdap: TestRdapServer;
let p: Platform;
const errors: string[] = [];

/** A detector with a bug: it throws as soon as it has any client to look at. */
const exploding = {
  id: 'exploding',
  description: 'test detector that throws on its first evaluation with traffic',
  categories: ['flood'],
  configSchema: Type.Object({ enabled: Type.Boolean({ default: true }) }),
  create: () => ({
    evaluate(ctx) {
      if (ctx.touched('ip').length > 0) throw new RangeError('index 7 out of range');
      return [];
    },
  }),
} satisfies AnyDetectorFactory;

beforeAll(async () => {
  receiver = await startHttpReceiver({ secret: SECRET });
  smtp = await startSmtpServer();
  const arin = JSON.parse(
    readFileSync(new URL('../../packages/core/src/enrich/rdap/fixtures/arin-8.8.8.8.json', import.meta.url), 'utf8'),
  );
  rdap = await startRdapServer({ arin: ['8.0.0.0/8'] }, { '/arin/ip/8.8.8.8': { json: arin } });
  const config = configFromObject({
    detect: { latenessSeconds: 0, evaluateEverySeconds: 10 },
    alerts: {
      allowPrivateTargets: true,
      retry: { baseSeconds: 0.05, maxSeconds: 0.2 },
      channels: [
        {
          id: 'siem',
          type: 'webhook',
          url: receiver.url,
          secret: SECRET,
          filters: { events: ['detector.disabled'] },
        },
        {
          id: 'soc-mail',
          type: 'email',
          smtp: {
            host: '127.0.0.1',
            port: smtp.port,
            tls: 'none',
            from: 'Rampart <rampart@example.org>',
            to: ['soc@example.org'],
          },
          // Alert mails only for automatic bans (none here): the SMTP server sees abuse reports only.
          filters: { events: ['ban.automatic'] },
        },
      ],
    },
  });
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: dir };
  p = await openPlatform({
    config,
    dataDir: join(dir, 'data'),
    io,
    now: Date.now,
    onError: (err) => errors.push((err as Error).message),
    detectors: [...DETECTORS, exploding],
    rdap: { bootstrapBaseUrl: `${rdap.origin}/bootstrap/` },
  });
  p.pipeline.open = true;
}, 60_000);

afterAll(async () => {
  await p?.close();
  await receiver?.close();
  await smtp?.close();
  await rdap?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rampart serve platform alerts', () => {
  it('disables a throwing detector once, tells the webhook once (after a failed attempt), and keeps detecting', async () => {
    receiver.script([{ status: 500, body: 'busy' }]);
    const t0 = Date.now() - 60_000;
    const burst = Array.from({ length: 30 }, (_, i) =>
      makeRequestEvent({
        ts: t0 + i * 500,
        ip: '159.89.10.21',
        method: 'POST',
        path: '/login',
        status: 401,
        host: 'shop.example',
        userAgent: 'python-requests/2.31',
      }),
    );
    await p.pipeline.accept(burst.slice(0, 15));
    await p.cycle.runOnce();
    await p.pipeline.accept(burst.slice(15));
    await p.cycle.runOnce();
    await p.cycle.runOnce(true);

    const requests = await receiver.waitFor(2, 10_000);
    expect(requests.map((r) => r.status)).toEqual([500, 200]);
    for (const r of requests) {
      expect(r.headers['x-rampart-event']).toBe('detector.disabled');
      expect(r.signatureValid).toBe(true);
    }
    expect(new Set(requests.map((r) => r.headers['x-rampart-id'])).size).toBe(1);
    const body = JSON.parse(requests[1]!.body);
    expect(body).toMatchObject({ type: 'detector.disabled', service: 'default' });
    expect(body.title).toBe('Detector exploding disabled on default after an error');
    expect(body.summary).toContain('RangeError: index 7 out of range');
    expect(errors.filter((e) => e.includes('detector exploding disabled'))).toHaveLength(1);
    // The other detectors went on: the burst is a brute-force finding.
    expect(p.cycle.findings().some((f) => f.detector === 'brute_force' && f.entity.value === '159.89.10.21')).toBe(
      true,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests).toHaveLength(2);
  });

  it('shows the failed-then-retried delivery on GET /api/v1/alerts/deliveries over a socket', async () => {
    const app = Fastify();
    await app.register(alertRoutes(p.alerts));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(`${url}/api/v1/alerts/deliveries`);
      expect(res.status).toBe(200);
      const reply = await res.json();
      expect(reply.configured).toBe(true);
      const d = reply.deliveries.find((x: { eventType: string }) => x.eventType === 'detector.disabled');
      expect(d).toMatchObject({
        channel: 'siem',
        channelType: 'webhook',
        status: 'delivered',
        attempts: 2,
        key: expect.stringMatching(/^detector:exploding:default:\d+$/),
      });
      expect(d.lastError).toMatch(/500/);
      expect(typeof d.deliveredAt).toBe('number');
      expect(reply.counters).toMatchObject({ delivered: 1, retried: 1, failed: 0 });
      const none = await (await fetch(`${url}/api/v1/alerts/deliveries?status=failed`)).json();
      expect(none.deliveries).toEqual([]);
      expect((await fetch(`${url}/api/v1/alerts/deliveries?status=nope`)).status).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('sends an approved abuse draft as X-ARF to the abuse contact once, without making the approval wait', async () => {
    const findings = [
      finding('fa', '198.51.100.7', { service: 'default' }),
      finding('fb', '198.51.100.8', { service: 'default' }),
    ];
    const input = buildReport(findings, {
      service: 'default',
      from: '2026-01-10T11:00:00.000Z',
      to: '2026-01-10T12:00:00.000Z',
      now: Date.now(),
      reporter: 'abuse-desk@example.org',
    });
    expect(input.abuseDrafts).toHaveLength(1);
    const created = await p.state.reports.create(input, { actor: 'detector', now: Date.now() });
    // Approving only the first item approves the draft (it covers both findings).
    const first = created.items.find((i) => i.findingIds.includes('fa'))!;
    const approved = await approveReport(
      p.state,
      p.stateOptions,
      created.id,
      { itemIds: [first.id] },
      {
        actor: 'token:admin',
        now: Date.now(),
      },
    );
    const started = performance.now();
    p.onReportApproved(approved.report, 'token:admin');
    expect(performance.now() - started).toBeLessThan(20);
    expect(smtp.mails).toHaveLength(0);

    const mails = await smtp.waitFor(2, 10_000);
    for (const m of mails) {
      expect(m.to).toEqual(['abuse@comcast.example']);
      expect(m.parsed.headers.get('x-arf')).toBe('YES');
      expect(m.raw).toMatch(/Content-Type: multipart\/mixed/);
    }
    expect(mails.map((m) => m.parsed.subject).join(' ')).toMatch(
      /198\.51\.100\.7.*198\.51\.100\.8|198\.51\.100\.8.*198\.51\.100\.7/,
    );
    await p.abuseMailer.idle();

    const audit = await p.state.audit.list({ entityId: created.id });
    const sent = audit.filter((a) => a.entityKind === 'abuse_report');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ actor: 'token:admin', action: 'abuse_report_sent' });
    expect(sent[0]!.reason).toBe('abuse report for AS7922: sent 2 of 2 message(s) to abuse@comcast.example');
    await eventually(async () =>
      p.alerts?.deliveryLog().find((d) => d.eventType === 'abuse.report' && d.status === 'delivered'),
    );

    // The second item approved later: the draft was sent already, nothing goes out again.
    const second = await approveReport(
      p.state,
      p.stateOptions,
      created.id,
      {},
      { actor: 'token:admin', now: Date.now() },
    );
    p.onReportApproved(second.report, 'token:admin');
    await p.abuseMailer.idle();
    expect(smtp.mails).toHaveLength(2);
  });

  it('looks the abuse contact up by RDAP when the draft has none', async () => {
    const known = finding('fg', '8.8.8.8', {
      service: 'default',
      enrichment: { ...finding('x', '8.8.8.8').enrichment, asn: 15169, org: 'Google LLC', abuseContact: undefined },
    });
    const input = buildReport([known], {
      service: 'default',
      from: '2026-01-10T11:00:00.000Z',
      to: '2026-01-10T12:00:00.000Z',
      now: Date.now(),
      reporter: 'abuse-desk@example.org',
    });
    expect(input.abuseDrafts[0]?.contact).toBeUndefined();
    const created = await p.state.reports.create(input, { actor: 'detector', now: Date.now() });
    const approved = await approveReport(
      p.state,
      p.stateOptions,
      created.id,
      {},
      { actor: 'token:admin', now: Date.now() },
    );
    const before = smtp.mails.length;
    p.onReportApproved(approved.report, 'token:admin');
    await p.abuseMailer.idle();
    const mail = smtp.mails.slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toEqual(['network-abuse@google.com']);
    expect(rdap.hits).toContain('/arin/ip/8.8.8.8');
  });
});
