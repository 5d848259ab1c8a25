/**
 * The session the dashboard runs under: a person (e-mail, role) or an API token (name, scopes), the
 * permissions the server grants it, and the CSRF token for changes. Permissions only decide what the
 * dashboard shows; the API checks every request itself.
 */
import { call } from './client.js';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly role: string;
}

export interface Session {
  readonly user: SessionUser | undefined;
  readonly token: { readonly name: string; readonly scopes: readonly string[] } | undefined;
  readonly permissions: ReadonlySet<string>;
  readonly csrf: string | null;
}

/** What GET/POST /api/v1/session answer (older servers: `name` and `scopes` only, no permissions). */
interface SessionAnswer {
  readonly user?: SessionUser;
  readonly token?: { readonly name: string; readonly scopes: readonly string[] };
  readonly name?: string;
  readonly scopes?: readonly string[];
  readonly permissions?: readonly string[];
  readonly csrf?: string | null;
}

/** Writes a `read` token cannot do; used only when the server does not list permissions. */
const READ_SCOPE_REFUSES = /^(users|tokens|usage|retention):|:(write|decide|manage|run)$/;

function sessionOf(a: SessionAnswer): Session {
  const token = a.token ?? (a.name !== undefined ? { name: a.name, scopes: a.scopes ?? [] } : undefined);
  let permissions = new Set(a.permissions ?? []);
  if (a.permissions === undefined && token) {
    const admin = token.scopes.includes('admin');
    permissions = new Set(['*']);
    if (!admin) permissions = new Set(token.scopes.includes('read') ? ['read-scope'] : []);
  }
  return { user: a.user, token: a.user ? undefined : token, permissions, csrf: a.csrf ?? null };
}

/** Whether the session holds `permission` (e.g. `reports:decide`). */
export function can(s: Session, permission: string): boolean {
  if (s.permissions.has(permission) || s.permissions.has('*')) return true;
  return s.permissions.has('read-scope') && !READ_SCOPE_REFUSES.test(permission);
}

/** How the header names who is logged in. */
export const whoText = (s: Session): string =>
  s.user ? `${s.user.email} (${s.user.role})` : s.token ? `token ${s.token.name}` : '';

export const sessionApi = {
  get: async () => sessionOf(await call<SessionAnswer>('GET', '/api/v1/session')),
  withPassword: async (email: string, password: string) =>
    sessionOf(await call<SessionAnswer>('POST', '/api/v1/session', { email, password })),
  withToken: async (token: string) => sessionOf(await call<SessionAnswer>('POST', '/api/v1/session', { token })),
  logout: () => call<unknown>('DELETE', '/api/v1/session'),
  changePassword: (current: string, next: string) =>
    call<SessionAnswer>('POST', '/api/v1/session/password', { current, next }),
};
