/**
 * Rampart behind a reverse proxy: with `server.trustedProxies` naming it, a refused log-in is attributed to
 * the client in X-Forwarded-For (the per-address limit and the stored event see the real address); without
 * it, the header is ignored, so a client cannot pick the address it is counted under.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './serve-harness.js';
import { type Caller, call, startTeamServer, type TeamServer } from './team-api-fixture.js';

let proxied: TeamServer;
let direct: TeamServer;

beforeAll(async () => {
  [proxied, direct] = await Promise.all([
    startTeamServer({ server: { trustedProxies: ['127.0.0.0/8'] } }),
    startTeamServer({}),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([proxied?.close(), direct?.close()]);
});

async function refusedLogIn(s: TeamServer, forwardedFor: string): Promise<number> {
  const res = await fetch(`${s.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor, 'user-agent': 'proxy-test' },
    body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password at all' }),
  });
  return res.status;
}

async function loginAddresses(s: TeamServer): Promise<string[]> {
  const admin: Caller = { kind: 'token', token: s.adminToken };
  return eventually(async () => {
    const r = await call(s, admin, 'GET', '/api/v1/traffic/breakdown/ip?path=/api/v1/session');
    const keys = (r.json.rows ?? []).map((x: { key: string }) => x.key);
    return keys.length > 0 ? keys : undefined;
  });
}

describe('log-ins behind a reverse proxy', () => {
  it('counts a refused log-in under the forwarded client when the proxy is trusted', async () => {
    // The client's own header is spoofable; the proxy appends the address it saw (right-most).
    expect(await refusedLogIn(proxied, '198.51.100.1, 203.0.113.7')).toBe(401);
    expect(await loginAddresses(proxied)).toEqual(['203.0.113.7']);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await refusedLogIn(direct, '203.0.113.7')).toBe(401);
    expect(await loginAddresses(direct)).toEqual(['127.0.0.1']);
  });
});
