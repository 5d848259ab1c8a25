/**
 * Token authentication for machines. Every route declares the scope it needs in its route config;
 * `public` routes (docs, health, metrics) answer without a token. The `admin` scope implies all others.
 */

import { RampartError } from '@rampart/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SCOPES = ['ingest', 'read', 'admin', 'bouncer'] as const;
export type Scope = (typeof SCOPES)[number];
export type RouteScope = Scope | 'public';

export interface Principal {
  readonly name: string;
  readonly scopes: ReadonlySet<Scope>;
}

export interface TokenAuthenticator {
  authenticate(token: string): Promise<Principal | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** One scope, or several of which any one suffices. */
    scope?: RouteScope | readonly Scope[];
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
}

/** Browser sessions (routes/session.ts): the token behind a session cookie, after its CSRF check. */
export interface SessionLookup {
  tokenFor(request: FastifyRequest): string | undefined;
}

export function authHook(auth: TokenAuthenticator, sessions?: SessionLookup) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    // Routes without an explicit scope are treated as admin-only: forgetting to declare one fails closed.
    const declared = request.routeOptions.config.scope ?? 'admin';
    if (declared === 'public') return;
    const scopes: readonly Scope[] = typeof declared === 'string' ? [declared] : declared;
    const token = bearerToken(request) ?? sessions?.tokenFor(request);
    if (!token) throw new RampartError('UNAUTHORIZED', 'an API token is required (Authorization: Bearer <token>)');
    const principal = await auth.authenticate(token);
    if (!principal) throw new RampartError('UNAUTHORIZED', 'the API token is not valid');
    if (!principal.scopes.has('admin') && !scopes.some((s) => principal.scopes.has(s))) {
      throw new RampartError('FORBIDDEN', `this token lacks the '${scopes.join("' or '")}' scope`);
    }
    request.principal = principal;
  };
}
