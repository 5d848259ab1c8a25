/**
 * Roles and what each may do. The API checks `canDo(role, permission)` on every route (a route declares
 * the one permission it needs); the dashboard only hides what the API would refuse anyway.
 * `admin` may do everything; `billing` reads dashboards and changes usage/retention settings; `viewer`
 * reads dashboards, reports and ban lists. A new permission needs a row below (the type refuses a
 * missing one, and a test checks every role has a decision for every permission).
 */

export const ROLES = ['admin', 'billing', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** One row per permission: [admin, billing, viewer]. */
const TABLE = {
  'traffic:read': [true, true, true],
  'findings:read': [true, true, true],
  'reports:read': [true, true, true],
  'reports:decide': [true, false, false],
  'bans:read': [true, true, true],
  'bans:write': [true, false, false],
  'allow:read': [true, true, true],
  'allow:write': [true, false, false],
  'detectors:read': [true, true, true],
  'detectors:write': [true, false, false],
  'settings:read': [true, true, true],
  'settings:write': [true, false, false],
  'alerts:read': [true, true, true],
  'alerts:write': [true, false, false],
  'simulate:run': [true, false, false],
  'export:read': [true, true, true],
  'audit:read': [true, true, true],
  'users:read': [true, false, false],
  'users:manage': [true, false, false],
  'tokens:read': [true, false, false],
  'tokens:manage': [true, false, false],
  'usage:read': [true, true, false],
  'retention:read': [true, true, false],
  'retention:write': [true, true, false],
  'ingest:write': [true, false, false],
} as const satisfies Record<string, readonly [boolean, boolean, boolean]>;

export type Permission = keyof typeof TABLE;
export const PERMISSIONS = Object.keys(TABLE) as Permission[];

const COLUMN: Record<Role, 0 | 1 | 2> = { admin: 0, billing: 1, viewer: 2 };

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const isPermission = (value: unknown): value is Permission =>
  typeof value === 'string' && Object.hasOwn(TABLE, value);

/** Whether `role` holds `permission`; unknown roles and permissions are refused (fails closed). */
export function canDo(role: string, permission: string): boolean {
  if (!isRole(role) || !isPermission(permission)) return false;
  return TABLE[permission][COLUMN[role]] === true;
}

/** The permissions a role holds, in table order (for the session answer the dashboard reads). */
export const permissionsOf = (role: Role): Permission[] => PERMISSIONS.filter((p) => canDo(role, p));

/** The raw decision, or undefined when the table has no entry (only a test has reason to ask). */
export function decisionOf(role: Role, permission: string): boolean | undefined {
  const row = (TABLE as Record<string, readonly boolean[] | undefined>)[permission];
  return row?.[COLUMN[role]];
}
