/**
 * Alerts from the live server: with a signed-webhook channel configured, a burst of failed logins that the
 * report cycle bans produces one `report.created` and one `ban.automatic` message at the receiver, each
 * with a valid HMAC signature, naming the attacker.
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

const tmp = tempDir('serve-alerts');
const SECRET = 'a-test-hmac-secret-of-some-length';
const ATTACKER = '159.89.10.21';
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
      '',
    ].join('\n'),
  });
}, 90_000);
afterAll(async () => {
  expect(await s?.stop()).toBe(0);
  await receiver?.close();
  tmp.cleanup();
});

describe.skipIf(!DIST_BUILT)('rampart serve alerts', () => {
  it('sends a signed report and automatic-ban message for a banned burst of failed logins', async () => {
    const t0 = Date.now() - 40_000;
    const burst = failedLoginBurst(ATTACKER, t0);
    const ingested = await api(s, '/api/v1/ingest', {
      raw: burst,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(ingested.json.accepted).toBe(20);

    const types = await eventually(async () => {
      const seen = new Set(receiver.requests.map((r) => r.headers['x-rampart-event']));
      return seen.has('report.created') && seen.has('ban.automatic') ? seen : undefined;
    }, 20_000);
    expect(types.size).toBeGreaterThanOrEqual(2);
    for (const r of receiver.requests) {
      expect(r.signatureValid).toBe(true);
      expect(r.body).toContain(ATTACKER);
    }
    const report = receiver.requests.find((r) => r.headers['x-rampart-event'] === 'report.created');
    expect(JSON.parse(report!.body)).toMatchObject({ version: 1, type: 'report.created' });
    // One message per report: a second cycle does not send the same report again.
    await new Promise((r) => setTimeout(r, 2500));
    expect(receiver.requests.filter((r) => r.headers['x-rampart-event'] === 'report.created')).toHaveLength(1);
  });
});
