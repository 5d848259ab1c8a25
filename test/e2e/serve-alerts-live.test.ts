/**
 * What the live `rampart serve` process does between restarts, over real sockets: a traffic spike reaches
 * a signed webhook once (when it starts, not every minute it lasts), and an address allowlisted through
 * the API after start-up is kept out of detection from the next report cycle on (its burst of failed
 * logins is neither banned nor reported, while the same burst from another address is), and detection
 * sees it again once the entry is removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import {
  AUTO_BAN_BRUTE_FORCE_CONFIG,
  api,
  DIST_BUILT,
  eventually,
  failedLoginBurst,
  type ServeProcess,
  startServe,
  tempDir,
} from './serve-harness.js';

const tmp = tempDir('serve-alerts-live');
const SECRET = 'a-test-hmac-secret-of-some-length';
let s: ServeProcess;
let receiver: TestHttpReceiver;

beforeAll(async () => {
  receiver = await startHttpReceiver({ secret: SECRET });
  s = await startServe({
    dataDir: `${tmp.dir}/data`,
    configYaml: [
      ...AUTO_BAN_BRUTE_FORCE_CONFIG,
      'alerts:',
      '  allowPrivateTargets: true',
      '  channels:',
      '    - id: siem',
      '      type: webhook',
      `      url: ${receiver.url}`,
      `      secret: ${SECRET}`,
      '      filters: { events: [traffic.spike] }',
      '',
    ].join('\n'),
  });
}, 90_000);
afterAll(async () => {
  expect(await s?.stop()).toBe(0);
  await receiver?.close();
  tmp.cleanup();
});

const ndjson = { 'content-type': 'application/x-ndjson' };
const metric = async (name: string): Promise<number> => {
  const text = (await api(s, '/metrics')).text;
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? 0);
};

describe.skipIf(!DIST_BUILT)('rampart serve, live', () => {
  it('sends one traffic.spike for 3 minutes at 20× the hour before, and no more while it lasts', {
    timeout: 60_000,
  }, async () => {
    const MIN = 60_000;
    const now = Date.now();
    const minute = Math.floor(now / MIN);
    const lines: string[] = [];
    const add = (m: number, n: number) => {
      for (let i = 0; i < n; i++) {
        lines.push(
          JSON.stringify({
            ip: `203.0.113.${(i % 200) + 1}`,
            method: 'GET',
            path: `/products/${i}`,
            status: 200,
            hostname: 'shop.example',
            timestamp: m * MIN + Math.floor((i * MIN) / n),
            user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
          }),
        );
      }
    };
    for (let m = minute - 43; m <= minute - 4; m++) add(m, 10);
    for (let m = minute - 3; m <= minute - 1; m++) add(m, 200);
    const ingested = await api(s, '/api/v1/ingest', { raw: lines.join('\n'), headers: ndjson });
    expect(ingested.json.accepted).toBe(lines.length);

    const spikes = () => receiver.requests.filter((r) => r.headers['x-rampart-event'] === 'traffic.spike');
    const [first] = await eventually(async () => (spikes().length > 0 ? spikes() : undefined), 20_000);
    expect(first!.signatureValid).toBe(true);
    const body = JSON.parse(first!.body);
    expect(body).toMatchObject({ type: 'traffic.spike', service: 'default' });
    // 200/min over the last 3 minutes, or (judged a minute earlier) 10, 200, 200 averaged.
    expect(body.title).toMatch(/requests at (200|136\.7)\/min \(baseline 10\/min\)/);
    // The spike goes on (another minute at 200/min), cycles keep running: still one message.
    const more: string[] = [];
    for (let i = 0; i < 50; i++) {
      more.push(
        JSON.stringify({
          ip: `203.0.113.${i + 1}`,
          method: 'GET',
          path: '/',
          status: 200,
          hostname: 'shop.example',
          timestamp: Date.now(),
        }),
      );
    }
    await api(s, '/api/v1/ingest', { raw: more.join('\n'), headers: ndjson });
    const cycles = await metric('rampart_detection_cycles_total');
    await eventually(async () => ((await metric('rampart_detection_cycles_total')) >= cycles + 3 ? true : undefined));
    expect(spikes()).toHaveLength(1);
    expect(await metric('rampart_traffic_spikes_total')).toBe(1);
  });

  it('keeps an address allowlisted through the API after start out of bans and reports, until it is removed', {
    timeout: 120_000,
  }, async () => {
    const FRIEND = '159.89.10.77';
    const ATTACKER = '159.89.10.78';
    const added = await api(s, '/api/v1/allow', {
      body: { value: FRIEND, reason: 'office NAT, allowlisted while serve runs' },
    });
    expect(added.status).toBe(201);
    await eventually(async () => ((await metric('rampart_allowlist_reloads_total')) >= 1 ? true : undefined));

    // Ahead of the event-time watermark the first test left (lateness is 0 s here).
    const t0 = Date.now() + 15_000;
    const burst = `${failedLoginBurst(FRIEND, t0)}\n${failedLoginBurst(ATTACKER, t0)}`;
    expect((await api(s, '/api/v1/ingest', { raw: burst, headers: ndjson })).json.accepted).toBe(40);

    const bannedValues = async () =>
      ((await api(s, '/api/v1/bans')).json.bans as { value: string }[]).map((b) => b.value);
    await eventually(async () => ((await bannedValues()).includes(ATTACKER) ? true : undefined), 40_000);
    const cycles = await metric('rampart_detection_cycles_total');
    await eventually(async () => ((await metric('rampart_detection_cycles_total')) >= cycles + 2 ? true : undefined));
    expect(await bannedValues()).not.toContain(FRIEND);
    const reports = (await api(s, '/api/v1/reports')).json.reports as { id: string }[];
    for (const r of reports) {
      const full = (await api(s, `/api/v1/reports/${r.id}`)).json.report;
      expect(JSON.stringify(full.findings)).not.toContain(FRIEND);
    }
    expect(await metric('rampart_detect_allowlisted_events')).toBeGreaterThanOrEqual(20);

    // Removed: the next burst from the same address is detected and banned again.
    const removed = await api(s, `/api/v1/allow/${added.json.entry.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    await eventually(async () => ((await metric('rampart_allowlist_reloads_total')) >= 2 ? true : undefined));
    // The first burst moved the watermark ~25 s ahead of the wall clock: stay ahead of it.
    const again = failedLoginBurst(FRIEND, Date.now() + 40_000);
    expect((await api(s, '/api/v1/ingest', { raw: again, headers: ndjson })).json.accepted).toBe(20);
    await eventually(async () => ((await bannedValues()).includes(FRIEND) ? true : undefined), 40_000);
  });
});
