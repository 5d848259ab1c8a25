import { describe, expect, it } from 'vitest';
import type { Scope } from '../api/auth.js';
import { allowed, auditActor, type TeamPrincipal } from './principal.js';
import { PERMISSIONS, permissionsOf } from './roles.js';

const user = (role: 'admin' | 'billing' | 'viewer'): TeamPrincipal => ({
  kind: 'user',
  id: 'u_1',
  email: `${role}@example.com`,
  role,
});
const token = (...scopes: Scope[]): TeamPrincipal => ({
  kind: 'token',
  id: 't_1',
  name: 'ci',
  scopes: new Set(scopes),
});

describe('allowed', () => {
  it('follows the role table for people', () => {
    for (const role of ['admin', 'billing', 'viewer'] as const)
      expect(PERMISSIONS.filter((p) => allowed(user(role), p))).toEqual(permissionsOf(role));
  });

  it('maps token scopes onto permissions: read as a viewer, ingest and bouncer narrowly, admin all', () => {
    expect(PERMISSIONS.filter((p) => allowed(token('read'), p))).toEqual(permissionsOf('viewer'));
    expect(PERMISSIONS.filter((p) => allowed(token('ingest'), p))).toEqual(['ingest:write']);
    expect(PERMISSIONS.filter((p) => allowed(token('bouncer'), p))).toEqual(['bans:read', 'allow:read', 'export:read']);
    expect(PERMISSIONS.filter((p) => allowed(token('admin'), p))).toEqual(PERMISSIONS);
    expect(allowed(token('ingest', 'read'), 'traffic:read')).toBe(true);
    expect(allowed(token(), 'traffic:read')).toBe(false);
    expect(allowed(token('admin'), 'no:such')).toBe(false);
  });

  it('names people by e-mail and tokens by name in the audit trail', () => {
    expect(auditActor(user('viewer'))).toBe('viewer@example.com');
    expect(auditActor(token('read'))).toBe('token:ci');
  });
});
