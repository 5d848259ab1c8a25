/**
 * Who is calling, whether a person (session, role) or a machine (API token, scopes), and the one check
 * the API makes per route: `allowed(principal, permission)`. Token scopes map onto the same permissions
 * as roles: `admin` everything, `read` what a viewer reads, `ingest` sending events, `bouncer` reading
 * the ban and allow lists and exporting them as rule files.
 */
import type { Scope } from '../api/auth.js';
import { canDo, isPermission, type Permission, type Role } from './roles.js';

export type TeamPrincipal =
  | { readonly kind: 'user'; readonly id: string; readonly email: string; readonly role: Role }
  | { readonly kind: 'token'; readonly id: string; readonly name: string; readonly scopes: ReadonlySet<Scope> };

const SCOPE_GRANTS: Readonly<Record<Scope, (p: Permission) => boolean>> = {
  admin: () => true,
  read: (p) => canDo('viewer', p),
  ingest: (p) => p === 'ingest:write',
  bouncer: (p) => p === 'bans:read' || p === 'allow:read' || p === 'export:read',
};

/** Whether the caller may do `permission`; unknown permissions are refused. */
export function allowed(principal: TeamPrincipal, permission: string): boolean {
  if (!isPermission(permission)) return false;
  if (principal.kind === 'user') return canDo(principal.role, permission);
  for (const s of principal.scopes) if (SCOPE_GRANTS[s]?.(permission)) return true;
  return false;
}

/** The name written to the audit trail for a change this caller makes. */
export const auditActor = (p: TeamPrincipal): string => (p.kind === 'user' ? p.email : `token:${p.name}`);
