/**
 * Continuous detection against the live server: 20 failed logins from one hosting address are banned by
 * the report cycle (auto-ban on), a report is stored, and a CrowdSec bouncer polling
 * /v1/decisions/stream with a bouncer-scope token sees the ban arrive and, once it is lifted through the
 * API (audited with the token's name), leave. Exports serve the same list as a rule file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const tmp = tempDir('serve-detect');
let s: ServeProcess;
// A DigitalOcean address: hosting, so the recommendation is a ban rather than throttle + abuse report.
const ATTACKER = '159.89.10.20';

beforeAll(async () => {
  s = await startServe({
    dataDir: `${tmp.dir}/data`,
    configYaml: [...AUTO_BAN_BRUTE_FORCE_CONFIG, ''].join('\n'),
  });
}, 90_000);
afterAll(async () => {
  expect(await s?.stop()).toBe(0);
  tmp.cleanup();
});

describe.skipIf(!DIST_BUILT)('rampart serve detection cycle', () => {
  it('bans a burst of 20 failed logins within one cycle and the bouncer stream shows it, then its removal', async () => {
    const bouncer = (await api(s, '/api/v1/tokens', { body: { name: 'fw1', scopes: ['bouncer'] } })).json
      .token as string;
    const poll = async (startup: boolean) => {
      const r = await fetch(`${s.url}/v1/decisions/stream${startup ? '?startup=true' : ''}`, {
        headers: { 'X-Api-Key': bouncer },
      });
      expect(r.status).toBe(200);
      return (await r.json()) as {
        new: { value: string; type: string; scope: string }[] | null;
        deleted: { value: string }[] | null;
      };
    };
    expect((await poll(true)).new ?? []).toEqual([]);
    // As a shipper delivers them: a few seconds after they happened.
    const t0 = Date.now() - 40_000;
    const burst = failedLoginBurst(ATTACKER, t0);
    expect(
      (await api(s, '/api/v1/ingest', { raw: burst, headers: { 'content-type': 'application/x-ndjson' } })).json
        .accepted,
    ).toBe(20);
    const acked = Date.now();

    const ban = await eventually(async () => {
      const bans = (await api(s, '/api/v1/bans')).json.bans as { id: string; value: string; origin: string }[];
      return bans.find((b) => b.value === ATTACKER);
    }, 15_000);
    // The report cycle is 1 s: the ban comes with the first cycle after the acknowledgement (about a
    // second here); the margin is for a machine busy with other work.
    expect(Date.now() - acked).toBeLessThan(8_000);
    expect(ban.origin).toBe('detector');
    const findings = (await api(s, `/api/v1/findings?ip=${ATTACKER}`)).json.findings as { category: string }[];
    expect(findings.map((f) => f.category)).toContain('brute_force');
    const reports = (await api(s, '/api/v1/reports')).json.reports as { service: string; findings: number }[];
    expect(reports.length).toBeGreaterThanOrEqual(1);

    const delta = await poll(false);
    expect(delta.new).toEqual([expect.objectContaining({ value: ATTACKER, type: 'ban', scope: 'Ip' })]);
    expect((await poll(false)).new ?? []).toEqual([]);

    const plain = await fetch(`${s.url}/api/v1/export/plain`, { headers: { authorization: `Bearer ${bouncer}` } });
    expect(await plain.text()).toContain(ATTACKER);
    const unknown = await api(s, '/api/v1/export/no_such_format');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/nftables/);

    const sim = await api(s, '/api/v1/simulate', { body: { values: [ATTACKER], from: t0 - 1000, to: Date.now() } });
    expect(sim.status).toBe(200);
    expect(sim.json.result.blocked).toMatchObject({ requests: 20, addresses: 1 });

    const removed = await api(s, `/api/v1/bans/${ban.id}?reason=customer+VPN`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect((await poll(false)).deleted).toEqual([expect.objectContaining({ value: ATTACKER })]);
    const audit = (await api(s, `/api/v1/audit?entityId=${ban.id}`)).json.records as {
      action: string;
      actor: string;
    }[];
    expect(audit.map((r) => [r.action, r.actor])).toEqual([
      ['ban', 'auto-ban'],
      ['unban', 'token:admin'],
    ]);
  }, 60_000);

  it('refuses a bouncer with an unknown key as LAPI does', async () => {
    const r = await fetch(`${s.url}/v1/decisions/stream`, { headers: { 'X-Api-Key': 'nope-nope-nope' } });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ message: 'access forbidden' });
  });

  it('approves a report through the API, turning its items into bans', async () => {
    const list = (await api(s, '/api/v1/reports')).json.reports as { id: string; status: string }[];
    const r = await api(s, `/api/v1/reports/${list[0]!.id}/approve`, { body: { note: 'confirmed' } });
    expect(r.status).toBe(200);
    const after = (await api(s, `/api/v1/reports/${list[0]!.id}`)).json.report as { status: string };
    expect(['approved', 'mixed', 'partial']).toContain(after.status);
    expect((await api(s, '/api/v1/reports/r_missing/approve', { body: {} })).status).toBe(404);
  });
});
