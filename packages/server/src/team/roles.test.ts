import { describe, expect, it } from 'vitest';
import { canDo, decisionOf, PERMISSIONS, permissionsOf, ROLES } from './roles.js';

describe('role table', () => {
  it('has an explicit decision for every permission and every role', () => {
    for (const role of ROLES) {
      for (const p of PERMISSIONS) expect(typeof decisionOf(role, p), `${role} ${p}`).toBe('boolean');
    }
    expect(PERMISSIONS).toEqual(
      expect.arrayContaining([
        'traffic:read',
        'findings:read',
        'reports:decide',
        'bans:write',
        'allow:write',
        'settings:write',
        'users:manage',
        'tokens:manage',
        'usage:read',
        'retention:write',
        'audit:read',
        'export:read',
      ]),
    );
  });

  it('lets admin do everything', () => {
    expect(permissionsOf('admin')).toEqual(PERMISSIONS);
  });

  it('gives viewer only read permissions and none about people, tokens or money', () => {
    for (const p of permissionsOf('viewer')) expect(p.endsWith(':read'), p).toBe(true);
    for (const p of ['users:read', 'tokens:read', 'usage:read', 'retention:read', 'reports:decide', 'bans:write'])
      expect(canDo('viewer', p), p).toBe(false);
    expect(canDo('viewer', 'reports:read')).toBe(true);
    expect(canDo('viewer', 'bans:read')).toBe(true);
  });

  it('lets billing change retention and read usage, but not decide, ban or manage people', () => {
    expect(canDo('billing', 'usage:read')).toBe(true);
    expect(canDo('billing', 'retention:write')).toBe(true);
    expect(canDo('billing', 'traffic:read')).toBe(true);
    const writes = permissionsOf('billing').filter((p) => !p.endsWith(':read'));
    expect(writes).toEqual(['retention:write']);
    expect(canDo('billing', 'users:manage')).toBe(false);
    expect(canDo('billing', 'settings:write')).toBe(false);
  });

  it('refuses unknown roles and unknown permissions (fails closed)', () => {
    expect(canDo('root', 'traffic:read')).toBe(false);
    expect(canDo('admin', 'traffic:write')).toBe(false);
    expect(canDo('admin', '__proto__')).toBe(false);
    expect(canDo('admin', 'constructor')).toBe(false);
  });
});
