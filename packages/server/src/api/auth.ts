/**
 * Who is calling and whether they may: every route declares the one permission it needs in its route
 * config (`config: { permission: 'reports:decide' }`, see team/roles.ts), `'public'` for routes that
 * answer anyone (docs, health, metrics, log-in, invitation and reset links, the CrowdSec LAPI with its
 * own key) and `'authenticated'` for routes any caller may use about themselves (the session).
 * The caller is a person (session cookie from an e-mail + password log-in, with a role) or a machine (API
 * token with scopes, as a bearer token or behind a token log-in's cookie); both become a TeamPrincipal and
 * `allowed(principal, permission)` decides. A route that declares nothing is refused to everyone.
 * Cookie sessions must send their CSRF token on unsafe methods.
 */

import { RampartError } from '@rampart/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowed, type TeamPrincipal } from '../team/principal.js';
import type { Permission } from '../team/roles.js';
import {
  CSRF_HEADER,
  type ResolvedSession,
  resolveSession,
  sessionIdFromCookieHeader,
  verifyCsrf,
} from '../team/sessions.js';
import type { Team } from '../team/team.js';

export const SCOPES = ['ingest', 'read', 'admin', 'bouncer'] as const;
export type Scope = (typeof SCOPES)[number];
export type RoutePermission = Permission | 'public' | 'authenticated';

/** A machine caller as the token store knows it. */
export interface Principal {
  readonly id?: string;
  readonly name: string;
  readonly scopes: ReadonlySet<Scope>;
}

export interface TokenAuthenticator {
  authenticate(token: string): Promise<Principal | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route needs; MUST be declared (a route without one answers 403 to everyone). */
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    principal?: TeamPrincipal;
    /** The person's session when the caller came with a log-in cookie. */
    userSession?: ResolvedSession;
  }
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}

/** Token log-in sessions (routes/session.ts): the token behind a session cookie, after its CSRF check. */
export interface SessionLookup {
  tokenFor(request: FastifyRequest): string | undefined;
}

export interface AuthDeps {
  readonly auth: TokenAuthenticator;
  readonly sessions?: SessionLookup | undefined;
  /** People's sessions; without a team only tokens authenticate. */
  readonly team?: Team | undefined;
  readonly now?: () => number;
}

export const tokenPrincipal = (p: Principal): TeamPrincipal => ({
  kind: 'token',
  id: p.id ?? p.name,
  name: p.name,
  scopes: p.scopes,
});

/** The caller behind the request, or undefined when it carries no valid credentials. */
export async function identify(request: FastifyRequest, deps: AuthDeps): Promise<TeamPrincipal | undefined> {
  const bearer = bearerToken(request);
  if (bearer !== undefined) {
    const p = await deps.auth.authenticate(bearer);
    if (!p) throw new RampartError('UNAUTHORIZED', 'the API token is not valid');
    return tokenPrincipal(p);
  }
  const cookie = sessionIdFromCookieHeader(request.headers.cookie);
  if (cookie !== undefined && deps.team) {
    const now = deps.now?.() ?? Date.now();
    const resolved = resolveSession(deps.team.store, cookie, now, deps.team.sessionPolicy);
    if (resolved) {
      // A cross-site form can make the browser send the cookie (SameSite aside) but cannot set this header.
      if (!SAFE_METHODS.has(request.method) && !verifyCsrf(resolved.session, request.headers[CSRF_HEADER])) {
        throw new RampartError('FORBIDDEN', 'missing or wrong X-CSRF-Token for this session');
      }
      request.userSession = resolved;
      const u = resolved.user;
      return { kind: 'user', id: u.id, email: u.email, role: u.role };
    }
  }
  const token = deps.sessions?.tokenFor(request);
  if (token === undefined) return undefined;
  const p = await deps.auth.authenticate(token);
  return p && tokenPrincipal(p);
}

export function authHook(deps: AuthDeps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const declared = request.routeOptions.config.permission;
    if (declared === 'public') return;
    const principal = await identify(request, deps);
    if (!principal)
      throw new RampartError('UNAUTHORIZED', 'log in, or send an API token (Authorization: Bearer <token>)');
    request.principal = principal;
    if (declared === 'authenticated') return;
    // Forgetting to declare a permission fails closed, for every caller.
    if (declared === undefined) throw new RampartError('FORBIDDEN', 'this route declares no permission');
    if (!allowed(principal, declared)) {
      throw new RampartError(
        'FORBIDDEN',
        principal.kind === 'user'
          ? `the ${principal.role} role may not do '${declared}'`
          : `this token's scopes do not allow '${declared}'`,
      );
    }
  };
}
