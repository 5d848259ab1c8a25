/**
 * Browser sessions for the dashboard: an API token pasted on the log-in page is exchanged for a random
 * session id in a Secure, HttpOnly, SameSite=Strict cookie; the token itself stays in server memory (so
 * sessions end when the server restarts, and a revoked token ends its sessions at the next request).
 * Unsafe methods on a cookie session must carry the session's CSRF token in `X-CSRF-Token` (a synchronizer
 * token: only same-origin script can read it from the session answer).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { RampartError } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SCOPES, type TokenAuthenticator } from '../auth.js';

export const SESSION_COOKIE = 'rampart_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

interface Session {
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
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return ID_PATTERN.test(value) ? value : undefined;
    }
  }
  return undefined;
}

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
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

  get(id: string | undefined): Session | undefined {
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

function setCookie(reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  // Secure: browsers keep Secure cookies on https and on loopback (http://127.0.0.1, http://localhost).
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAgeSeconds}`,
  );
}

const LoginBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
const SessionInfo = Type.Object({
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  csrf: Type.Union([Type.String(), Type.Null()], { description: 'Send as X-CSRF-Token on unsafe requests' }),
});

/** Failed log-ins allowed per minute (all clients together): slows guessing, never locks out for long. */
const FAILURES_PER_MINUTE = 30;

export function sessionRoutes(auth: TokenAuthenticator, sessions: SessionStore): FastifyPluginAsync {
  let failures = 0;
  let windowStart = 0;
  return async (app) => {
    app.post(
      '/api/v1/session',
      {
        config: { scope: 'public' },
        schema: {
          tags: ['session'],
          summary: 'Log in with an API token (sets the session cookie)',
          security: [],
          body: LoginBody,
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        const now = Date.now();
        if (now - windowStart > 60_000) {
          windowStart = now;
          failures = 0;
        }
        if (failures >= FAILURES_PER_MINUTE)
          throw new RampartError('OVERLOADED', 'too many failed log-ins; retry later');
        const { token } = request.body as Static<typeof LoginBody>;
        const principal = await auth.authenticate(token.trim());
        if (!principal) {
          failures++;
          throw new RampartError('UNAUTHORIZED', 'the API token is not valid');
        }
        if (!principal.scopes.has('read') && !principal.scopes.has('admin')) {
          throw new RampartError('FORBIDDEN', "the dashboard needs a token with the 'read' or 'admin' scope");
        }
        const s = sessions.create(token.trim());
        setCookie(reply, s.id, s.maxAgeSeconds);
        return { name: principal.name, scopes: [...principal.scopes], csrf: s.csrf };
      },
    );
    app.get(
      '/api/v1/session',
      {
        config: { scope: [...SCOPES] },
        schema: { tags: ['session'], summary: 'Who is logged in, and the CSRF token', response: { 200: SessionInfo } },
      },
      async (request) => ({
        name: request.principal?.name ?? '',
        scopes: [...(request.principal?.scopes ?? [])],
        csrf: sessions.get(sessionIdOf(request))?.csrf ?? null,
      }),
    );
    app.delete(
      '/api/v1/session',
      { config: { scope: [...SCOPES] }, schema: { tags: ['session'], summary: 'Log out (ends the session)' } },
      async (request, reply) => {
        sessions.end(sessionIdOf(request));
        setCookie(reply, '', 0);
        return { ok: true };
      },
    );
  };
}
