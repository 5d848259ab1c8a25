/**
 * Every route of `rampart serve`'s API, as Fastify registered it (so a new route cannot escape), called
 * by every kind of caller: people with each role through real cookie sessions from real log-ins, tokens
 * with each scope, and nobody. A route that needs a permission answers 401 to nobody, 403 to callers the
 * role table (canDo) or the scope mapping refuses, and anything but 401/403 to callers it allows. A route
 * that declares no permission fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../packages/server/src/api/auth.js';
import { allowed, type TeamPrincipal } from '../../packages/server/src/team/principal.js';
import { canDo, type Role } from '../../packages/server/src/team/roles.js';
import { addPerson, type Caller, call, startTeamServer, type TeamServer } from './team-api-fixture.js';

let s: TeamServer;
const callers: { name: string; caller: Caller; principal: TeamPrincipal }[] = [];

const ROLES: Role[] = ['admin', 'billing', 'viewer'];
const SCOPES: Scope[] = ['ingest', 'read', 'bouncer', 'admin'];

beforeAll(async () => {
  s = await startTeamServer();
  const root: Caller = { kind: 'token', token: s.adminToken };
  for (const role of ROLES) {
    const email = `${role}@example.com`;
    const caller = await addPerson(s, root, email, role, `${role} walks every route`);
    callers.push({ name: `${role} (session)`, caller, principal: { kind: 'user', id: role, email, role } });
  }
  for (const scope of SCOPES) {
    const made = await call(s, root, 'POST', '/api/v1/tokens', { name: `walk-${scope}`, scopes: [scope] });
    expect(made.status).toBe(201);
    callers.push({
      name: `${scope} token`,
      caller: { kind: 'token', token: made.json.token },
      principal: { kind: 'token', id: made.json.record.id, name: `walk-${scope}`, scopes: new Set([scope]) },
    });
  }
}, 60_000);
afterAll(async () => {
  await s?.close();
});

/** A value for each path parameter that passes the route's schema (the answer may still be 404). */
const PARAMS: Record<string, string> = {
  id: 'u_000000000000',
  format: 'json',
  dimension: 'ip',
  '*': 'some/page',
};
const pathOf = (url: string) =>
  url
    .replace(/:(\w+)/g, (_m, name: string) =>
      name === 'id' && url.startsWith('/api/v1/tokens') ? 't_000000000000' : (PARAMS[name] ?? 'x'),
    )
    .replace('*', PARAMS['*']!);
/**
 * The permission of every API route (HEAD twins follow their GET). A new route fails the first test until
 * it is added here: someone has to decide who may call it.
 */
const EXPECTED: Record<string, string> = {
  'POST /api/v1/ingest': 'ingest:write',
  'GET /api/v1/traffic/series': 'traffic:read',
  'GET /api/v1/traffic/breakdown/:dimension': 'traffic:read',
  'GET /api/v1/traffic/totals': 'traffic:read',
  'POST /api/v1/session': 'public',
  'GET /api/v1/session': 'authenticated',
  'DELETE /api/v1/session': 'authenticated',
  'POST /api/v1/session/password': 'authenticated',
  'GET /api/v1/users': 'users:read',
  'POST /api/v1/users': 'users:manage',
  'PATCH /api/v1/users/:id': 'users:manage',
  'DELETE /api/v1/users/:id': 'users:manage',
  'POST /api/v1/users/:id/unlock': 'users:manage',
  'POST /api/v1/invitations/accept': 'public',
  'POST /api/v1/password-reset': 'public',
  'POST /api/v1/password-reset/confirm': 'public',
  'GET /api/v1/usage': 'usage:read',
  'GET /api/v1/retention': 'retention:read',
  'PUT /api/v1/retention': 'retention:write',
  'GET /api/v1/alerts/deliveries': 'alerts:read',
  'GET /api/v1/settings': 'settings:read',
  'GET /api/v1/findings': 'findings:read',
  'GET /api/v1/reports': 'reports:read',
  'GET /api/v1/reports/:id': 'reports:read',
  'POST /api/v1/reports/:id/approve': 'reports:decide',
  'POST /api/v1/reports/:id/dismiss': 'reports:decide',
  'GET /api/v1/bans': 'bans:read',
  'POST /api/v1/bans': 'bans:write',
  'DELETE /api/v1/bans/:id': 'bans:write',
  'GET /api/v1/allow': 'allow:read',
  'POST /api/v1/allow': 'allow:write',
  'DELETE /api/v1/allow/:id': 'allow:write',
  'GET /api/v1/audit': 'audit:read',
  'GET /api/v1/audit/verify': 'audit:read',
  'GET /api/v1/tokens': 'tokens:read',
  'POST /api/v1/tokens': 'tokens:manage',
  'DELETE /api/v1/tokens/:id': 'tokens:manage',
  'GET /api/v1/export/:format': 'export:read',
  'POST /api/v1/simulate': 'simulate:run',
  'GET /v1/decisions/stream': 'public',
  'GET /v1/decisions': 'public',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
};
const isLogOut = (r: { method: string; url: string }) => r.method === 'DELETE' && r.url === '/api/v1/session';

describe('every API route checks its permission', () => {
  it('is declared on every route', () => {
    const routes = s.server.routes;
    expect(routes.length).toBeGreaterThan(30);
    const undeclared = routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared, 'routes without a declared permission').toEqual([]);
    const declared: Record<string, string | undefined> = {};
    for (const r of routes) {
      const method = r.method === 'HEAD' ? 'GET' : r.method;
      if (r.url.startsWith('/api/docs')) expect(r.permission, r.url).toBe('public');
      else if (/^\/(api|v1)\/|^\/(healthz|readyz|metrics)$/.test(r.url)) declared[`${method} ${r.url}`] = r.permission;
      // The rest is the dashboard's static files and client-side routes.
      else expect(r.permission, r.url).toBe('public');
    }
    expect(declared).toEqual(EXPECTED);
  });

  it('refuses an unsafe request of a cookie session without its CSRF token', async () => {
    const admin = callers.find((c) => c.name === 'admin (session)')!.caller;
    const res = await call(s, admin, 'POST', '/api/v1/bans', { value: '203.0.113.9', reason: 'x' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/CSRF/);
  });

  it('answers 401, 403 or neither for each role and scope exactly as the role table says', async () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    // Log-out last: it ends the session the later calls need.
    const routes = [...s.server.routes].sort((a, b) => Number(isLogOut(a)) - Number(isLogOut(b)));
    for (const r of routes) {
      const p = r.permission;
      if (p === 'public' || p === undefined) continue;
      const path = pathOf(r.url);
      // An empty JSON body on writes: validation comes after authorization, so allowed callers get 400.
      const body = r.method === 'GET' || r.method === 'HEAD' || r.method === 'DELETE' ? undefined : {};
      const anonymous = await call(s, { kind: 'anonymous' }, r.method, path, body);
      if (anonymous.status !== 401) wrong.push(`${r.method} ${r.url} anonymous: ${anonymous.status}`);
      for (const c of callers) {
        const res = await call(s, c.caller, r.method, path, body);
        const may =
          p === 'authenticated'
            ? // Only people have a password to change; any caller may ask who they are or log out.
              !(r.url === '/api/v1/session/password' && c.principal.kind === 'token')
            : allowed(c.principal, p);
        const refused = res.status === 401 || res.status === 403;
        if (may === refused) wrong.push(`${r.method} ${r.url} ${c.name}: ${res.status} (${p})`);
        if (c.principal.kind === 'user' && p !== 'authenticated') {
          expect(may, `${p} for ${c.principal.role}`).toBe(canDo(c.principal.role, p));
        }
        checked.push(`${r.method} ${r.url} ${c.name}`);
      }
    }
    expect(wrong).toEqual([]);
    // Every non-public route was tried by every caller.
    expect(checked.length).toBe(routes.filter((r) => r.permission !== 'public').length * callers.length);
    expect(checked.some((c) => c.startsWith('POST /api/v1/reports/:id/approve viewer'))).toBe(true);
  }, 120_000);
});
