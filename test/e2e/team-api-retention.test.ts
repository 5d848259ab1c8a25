/**
 * Retention settings through the API of a running server: the billing role changes them (issue: billing
 * manages "usage and retention figures and settings"), the server's retention timer applies the new
 * limits to the stored events, the change is audited with the person as actor, and `reset` goes back to
 * the config file's limits. A viewer may neither read nor change them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './serve-harness.js';
import { addPerson, type Caller, call, startTeamServer, type TeamServer } from './team-api-fixture.js';

let s: TeamServer;
let billing: Caller;
let viewer: Caller;

beforeAll(async () => {
  // Retention runs every 0.6 s here; the file sets no limits.
  s = await startTeamServer({ server: { retention: { everyMinutes: 0.01, maxAgeDays: 0, maxEvents: 0 } } });
  const admin: Caller = { kind: 'token', token: s.adminToken };
  billing = await addPerson(s, admin, 'bill@example.com', 'billing', 'bill counts the bytes');
  viewer = await addPerson(s, admin, 'vera@example.com', 'viewer', 'vera only looks here');
}, 60_000);
afterAll(async () => {
  await s?.close();
});

async function ingest(n: number, t0: number): Promise<void> {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      ip: `198.51.100.${(i % 200) + 1}`,
      method: 'GET',
      path: `/r/${i}`,
      status: 200,
      hostname: 'shop.example',
      timestamp: new Date(t0 + i * 1000).toISOString(),
    }),
  ).join('\n');
  const res = await fetch(`${s.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/x-ndjson' },
    body: lines,
  });
  expect(res.status).toBe(200);
}

const stored = async () => (await call(s, billing, 'GET', '/api/v1/usage?days=3')).json.events as number;

describe('retention settings', () => {
  it('billing changes the limits, the server applies them, the audit names the person, reset restores the file', async () => {
    expect((await call(s, viewer, 'GET', '/api/v1/retention')).status).toBe(403);
    const before = await call(s, billing, 'GET', '/api/v1/retention');
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ maxAgeDays: 0, maxEvents: 0, everyMinutes: 0.01, source: 'config' });

    await ingest(120, Date.now() - 600_000);
    await eventually(async () => ((await stored()) === 120 ? true : undefined));

    const refused = await call(s, viewer, 'PUT', '/api/v1/retention', { maxAgeDays: 1, maxEvents: 50 });
    expect(refused.status).toBe(403);
    const bad = await call(s, billing, 'PUT', '/api/v1/retention', { maxAgeDays: -1, maxEvents: 50 });
    expect(bad.status).toBe(400);

    const set = await call(s, billing, 'PUT', '/api/v1/retention', { maxAgeDays: 30, maxEvents: 50 });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ maxAgeDays: 30, maxEvents: 50, everyMinutes: 0.01, source: 'api' });
    // The timer deletes the oldest events down to the new limit.
    const left = await eventually(async () => {
      const n = await stored();
      return n <= 50 ? n : undefined;
    });
    expect(left).toBeGreaterThan(0);
    const usage = await call(s, billing, 'GET', '/api/v1/usage?days=3');
    expect(usage.json.retention).toMatchObject({ maxEvents: 50, source: 'api' });

    const audit = await call(s, billing, 'GET', '/api/v1/audit?action=config_change');
    const record = audit.json.records?.find((r: { entityKind: string }) => r.entityKind === 'retention');
    expect(record).toMatchObject({ actor: 'bill@example.com', entityId: 'server.retention' });
    expect(record.after).toMatchObject({ maxEvents: 50, source: 'api' });

    const reset = await call(s, billing, 'PUT', '/api/v1/retention', { reset: true });
    expect(reset.json).toEqual({ maxAgeDays: 0, maxEvents: 0, everyMinutes: 0.01, source: 'config' });
  });
});
