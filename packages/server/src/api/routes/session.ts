/**
 * Log-in, log-out and "who am I" for the dashboard. People log in with e-mail and password (team/
 * team-login.ts: rate-limited per account and address, audited, a server-side session in the state
 * database); machines and the first set-up can still exchange an API token for a session, kept in server
 * memory (it ends when the server restarts, and a revoked token ends its sessions at the next request).
 * Both set the Secure, HttpOnly, SameSite=Strict cookie `rampart_session` and answer the CSRF token the
 * page must send as `X-CSRF-Token` on unsafe requests. Every refused log-in is handed to `onLoginFailure`
 * as the request it was, so Rampart's own detection sees password guessing against it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { RampartError, type RequestEvent } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { accountKey, lockedFor, recordFailure } from '../../team/login-limiter.js';
import { allowed, type TeamPrincipal } from '../../team/principal.js';
import { PERMISSIONS } from '../../team/roles.js';
import {
  CSRF_HEADER,
  clearSessionCookie,
  createSession,
  SESSION_COOKIE,
  sessionCookie,
  sessionIdFromCookieHeader,
} from '../../team/sessions.js';
import type { Team } from '../../team/team.js';
import { changePassword, failedLoginEvent, logIn, logOut } from '../../team/team-login.js';
import { SAFE_METHODS, type TokenAuthenticator, tokenPrincipal } from '../auth.js';
import { sendError } from '../error-handler.js';

export { CSRF_HEADER, SESSION_COOKIE };

interface TokenSession {
  readonly token: string;
  readonly csrf: string;
  readonly expires: number;
}

export interface SessionOptions {
  readonly ttlMs: number;
  /** Oldest sessions are dropped past this many (memory bound). */
  readonly max: number;
  readonly now: () => number;
}

const DEFAULTS: SessionOptions = { ttlMs: 12 * 3_600_000, max: 10_000, now: () => Date.now() };

/** The session id from the Cookie header, if it has the shape of one (anything else is ignored). */
export const sessionIdOf = (request: FastifyRequest): string | undefined =>
  sessionIdFromCookieHeader(request.headers.cookie);

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Sessions of token log-ins, in memory. */
export class SessionStore {
  private readonly sessions = new Map<string, TokenSession>();
  private readonly o: SessionOptions;

  constructor(options: Partial<SessionOptions> = {}) {
    this.o = { ...DEFAULTS, ...options };
  }

  create(token: string): { id: string; csrf: string; maxAgeSeconds: number } {
    while (this.sessions.size >= this.o.max) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    this.sessions.set(id, { token, csrf, expires: this.o.now() + this.o.ttlMs });
    return { id, csrf, maxAgeSeconds: Math.floor(this.o.ttlMs / 1000) };
  }

  get(id: string | undefined): TokenSession | undefined {
    if (id === undefined) return undefined;
    const s = this.sessions.get(id);
    if (s && s.expires <= this.o.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  end(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  /**
   * The token behind the request's session cookie (the auth hook's fallback when no bearer token is sent).
   * An unsafe method without the session's CSRF token is refused: a cross-site form can send the cookie
   * (SameSite aside) but cannot read or set the header.
   */
  tokenFor(request: FastifyRequest): string | undefined {
    const session = this.get(sessionIdOf(request));
    if (!session) return undefined;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameText(sent, session.csrf)) {
        throw new RampartError('FORBIDDEN', 'missing or wrong X-CSRF-Token for this session');
      }
    }
    return session.token;
  }
}

const TokenLogin = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false, title: 'TokenLogin' },
);
const PasswordLogin = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false, title: 'PasswordLogin' },
);
const LoginBody = Type.Union([PasswordLogin, TokenLogin]);
const PasswordChange = Type.Object(
  { current: Type.String({ minLength: 1, maxLength: 1024 }), next: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const SessionInfo = Type.Object({
  user: Type.Optional(Type.Object({ id: Type.String(), email: Type.String(), role: Type.String() })),
  token: Type.Optional(Type.Object({ name: Type.String(), scopes: Type.Array(Type.String()) })),
  permissions: Type.Array(Type.String(), { description: 'What this caller may do (hide the rest)' }),
  csrf: Type.Union([Type.String(), Type.Null()], { description: 'Send as X-CSRF-Token on unsafe requests' }),
  name: Type.String({ description: 'The e-mail address or the token name (older clients)' }),
  scopes: Type.Array(Type.String(), { description: "The token's scopes; empty for people (older clients)" }),
});
type Info = Static<typeof SessionInfo>;

function infoOf(p: TeamPrincipal, csrf: string | null): Info {
  const permissions = PERMISSIONS.filter((x) => allowed(p, x));
  if (p.kind === 'user') {
    return { user: { id: p.id, email: p.email, role: p.role }, permissions, csrf, name: p.email, scopes: [] };
  }
  const scopes = [...p.scopes];
  return { token: { name: p.name, scopes }, permissions, csrf, name: p.name, scopes };
}

/** Failed token log-ins allowed per minute (all clients together): slows guessing, never locks out for long. */
const FAILURES_PER_MINUTE = 30;

export interface SessionRouteDeps {
  readonly auth: TokenAuthenticator;
  readonly sessions: SessionStore;
  readonly team?: Team | undefined;
  readonly now: () => number;
  readonly onLoginFailure?: ((event: RequestEvent) => void) | undefined;
}

const userAgentOf = (r: FastifyRequest) => String(r.headers['user-agent'] ?? '').slice(0, 512);

export function sessionRoutes(deps: SessionRouteDeps): FastifyPluginAsync {
  const { auth, sessions, team } = deps;
  let failures = 0;
  let windowStart = 0;

  async function tokenLogIn(request: FastifyRequest, reply: FastifyReply, token: string): Promise<Info> {
    const now = deps.now();
    if (now - windowStart > 60_000) {
      windowStart = now;
      failures = 0;
    }
    const refused = (status: number) =>
      deps.onLoginFailure?.(
        failedLoginEvent(
          { email: '', password: '', address: request.ip, userAgent: userAgentOf(request), now },
          status,
        ),
      );
    if (failures >= FAILURES_PER_MINUTE) {
      refused(503);
      throw new RampartError('OVERLOADED', 'too many failed log-ins; retry later');
    }
    const principal = await auth.authenticate(token.trim());
    if (!principal) {
      failures++;
      refused(401);
      throw new RampartError('UNAUTHORIZED', 'the API token is not valid');
    }
    const p = tokenPrincipal(principal);
    if (!allowed(p, 'traffic:read')) {
      throw new RampartError('FORBIDDEN', "the dashboard needs a token with the 'read' or 'admin' scope");
    }
    const s = sessions.create(token.trim());
    reply.header('set-cookie', sessionCookie(s.id, s.maxAgeSeconds));
    return infoOf(p, s.csrf);
  }

  return async (app) => {
    app.post(
      '/api/v1/session',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['session'],
          summary: 'Log in with e-mail and password, or with an API token (sets the session cookie)',
          description:
            '401 for a wrong password or an unknown account (the same answer), 429 RATE_LIMITED with Retry-After while the account or the address is locked out, 503 when too many log-ins are being checked at once.',
          security: [],
          body: LoginBody,
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        const body = request.body as Static<typeof LoginBody>;
        if ('token' in body) return tokenLogIn(request, reply, body.token);
        if (!team) throw new RampartError('UNAUTHORIZED', 'this server has no user accounts; log in with an API token');
        const now = deps.now();
        const result = await logIn(
          team,
          { email: body.email, password: body.password, address: request.ip, userAgent: userAgentOf(request), now },
          deps.onLoginFailure,
        );
        if (!result.ok) {
          if (result.reason === 'locked') {
            reply.header('retry-after', String(result.retryAfterSeconds));
            return sendError(
              reply,
              'RATE_LIMITED',
              `too many failed log-ins; try again in ${result.retryAfterSeconds} seconds`,
            );
          }
          if (result.reason === 'busy') throw new RampartError('OVERLOADED', 'too many log-ins at once; retry shortly');
          throw new RampartError('UNAUTHORIZED', 'wrong e-mail address or password');
        }
        reply.header('set-cookie', sessionCookie(result.session.id, result.session.maxAgeSeconds));
        const u = result.user;
        return infoOf({ kind: 'user', id: u.id, email: u.email, role: u.role }, result.session.csrf);
      },
    );
    app.get(
      '/api/v1/session',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['session'],
          summary: 'Who is logged in, what they may do, and the CSRF token',
          response: { 200: SessionInfo },
        },
      },
      async (request) => {
        const csrf = request.userSession?.csrf ?? sessions.get(sessionIdOf(request))?.csrf ?? null;
        return infoOf(request.principal!, csrf);
      },
    );
    app.delete(
      '/api/v1/session',
      {
        config: { permission: 'authenticated' },
        schema: { tags: ['session'], summary: 'Log out (ends the session)' },
      },
      async (request, reply) => {
        const id = sessionIdOf(request);
        if (team) logOut(team, id, deps.now());
        sessions.end(id);
        reply.header('set-cookie', clearSessionCookie());
        return { ok: true };
      },
    );
    app.post(
      '/api/v1/session/password',
      {
        config: { permission: 'authenticated' },
        // Before the body is validated, like every other refusal: tokens have no password.
        onRequest: async (request) => {
          if (!team || !request.userSession)
            throw new RampartError('FORBIDDEN', 'only a person logged in with a password has one');
        },
        schema: {
          tags: ['session'],
          summary: "Change the logged-in person's password (every session ends; this one is renewed)",
          body: PasswordChange,
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        const resolved = request.userSession;
        if (!team || !resolved) throw new Error('unreachable: checked on request');
        const { current, next } = request.body as Static<typeof PasswordChange>;
        const now = deps.now();
        const key = accountKey(resolved.user.email);
        const wait = lockedFor(team.store, [key], now);
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          reply.header('retry-after', String(seconds));
          return sendError(reply, 'RATE_LIMITED', `too many wrong passwords; try again in ${seconds} seconds`);
        }
        const r = await changePassword(team, resolved.user, current, next, now);
        if (!r.ok) {
          // A stolen session MUST NOT become an unlimited oracle for the password.
          recordFailure(team.store, key, team.lock.accountFailures, now, team.lock);
          throw new RampartError('INVALID_ARGUMENT', 'the current password is not right');
        }
        const s = createSession(
          team.store,
          resolved.user,
          { now, address: request.ip, userAgent: userAgentOf(request) },
          team.sessionPolicy,
        );
        reply.header('set-cookie', sessionCookie(s.id, s.maxAgeSeconds));
        return infoOf(request.principal!, s.csrf);
      },
    );
  };
}
