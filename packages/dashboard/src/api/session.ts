/**
 * The session the dashboard runs under: a person (e-mail, role) or an API token (name, scopes), the
 * permissions the server grants it, and the CSRF token for changes. Permissions only decide what the
 * dashboard shows; the API checks every request itself.
 */
import { api, unwrap } from './client.js';

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

/** What GET/POST /api/v1/session answer (`name` and `scopes` are kept for older clients). */
interface SessionAnswer {
  readonly user?: SessionUser;
  readonly token?: { readonly name: string; readonly scopes: readonly string[] };
  readonly permissions: readonly string[];
  readonly csrf: string | null;
}

const sessionOf = (a: SessionAnswer): Session => ({
  user: a.user,
  token: a.user ? undefined : a.token,
  permissions: new Set(a.permissions),
  csrf: a.csrf,
});

/** Whether the session holds `permission` (e.g. `reports:decide`). */
export const can = (s: Session, permission: string): boolean => s.permissions.has(permission);

/** How the header names who is logged in. */
export const whoText = (s: Session): string =>
  s.user ? `${s.user.email} (${s.user.role})` : s.token ? `token ${s.token.name}` : '';

export const sessionApi = {
  get: async () => sessionOf(await unwrap<SessionAnswer>(api.GET('/api/v1/session'))),
  withPassword: async (email: string, password: string) =>
    sessionOf(await unwrap<SessionAnswer>(api.POST('/api/v1/session', { body: { email, password } }))),
  withToken: async (token: string) =>
    sessionOf(await unwrap<SessionAnswer>(api.POST('/api/v1/session', { body: { token } }))),
  logout: () => unwrap<unknown>(api.DELETE('/api/v1/session')),
  /** Answers the renewed session (the change ends every session, this one is replaced). */
  changePassword: async (current: string, next: string) =>
    sessionOf(await unwrap<SessionAnswer>(api.POST('/api/v1/session/password', { body: { current, next } }))),
};
