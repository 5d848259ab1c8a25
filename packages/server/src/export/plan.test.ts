import { describe, expect, it } from 'vitest';
import { banList, entry, NOW, RESOLVER } from '../../../../test/e2e/export-fixture.js';
import { planRules } from './plan.js';

const texts = (l: readonly { text: string }[]) => l.map((c) => c.text);

describe('planRules', () => {
  it('drops expired entries, expands ASN/country through the resolver and says how many prefixes each became', () => {
    const p = planRules(banList(), { now: NOW, resolver: RESOLVER }, { expand: true, enforces: ['ban', 'throttle'] });
    expect(p.expired).toBe(1);
    expect(p.expanded).toEqual([
      { value: 'AS64496', prefixes: 2 },
      { value: 'NL', prefixes: 1 },
    ]);
    expect(p.refused.some((r) => r.value === '192.0.2.0/25;evil' && r.reason.startsWith('prefix of NL'))).toBe(true);
    expect(texts(p.ban.v4)).not.toContain('192.0.2.99/32');
  });

  it('collapses duplicates and networks inside a wider one, and drops throttled networks already banned', () => {
    const list = [
      entry('cidr', '198.51.100.0/24'),
      entry('ip', '198.51.100.7'),
      entry('ip', '198.51.100.7'),
      entry('ip', '198.51.100.9', 'throttle'),
      entry('ip', '192.0.2.1', 'throttle'),
    ];
    const p = planRules(list, { now: NOW }, { expand: true, enforces: ['ban', 'throttle'] });
    expect(texts(p.ban.v4)).toEqual(['198.51.100.0/24']);
    expect(texts(p.throttle.v4)).toEqual(['192.0.2.1/32']);
  });

  it('refuses ASN bans with a reason when the format needs prefixes and there is no resolver', () => {
    const p = planRules([entry('asn', 'AS64496')], { now: NOW }, { expand: true, enforces: ['ban'] });
    expect(p.refused).toEqual([
      { value: 'AS64496', reason: 'asn: this format needs prefixes and no prefix data is available' },
    ]);
  });

  it('keeps global entries and the requested service only', () => {
    const list = [
      entry('ip', '192.0.2.1'),
      entry('ip', '192.0.2.2', 'ban', { service: 'api' }),
      entry('ip', '192.0.2.3', 'ban', { service: 'shop' }),
    ];
    const p = planRules(list, { now: NOW, service: 'api' }, { expand: true, enforces: ['ban'] });
    expect(texts(p.ban.v4)).toEqual(['192.0.2.1/32', '192.0.2.2/32']);
    expect(p.entries).toBe(2);
  });

  it('counts monitor entries as not enforced in rule formats', () => {
    const p = planRules(
      [entry('ip', '192.0.2.1', 'monitor')],
      { now: NOW },
      { expand: true, enforces: ['ban', 'throttle'] },
    );
    expect(p.notEnforced).toBe(1);
    expect(p.ban.v4).toHaveLength(0);
  });
});

describe('allow entries', () => {
  const allow = (value: string, kind: 'ip' | 'cidr' = 'ip') => ({
    id: `a-${value}`,
    kind,
    value,
    service: undefined,
    reason: 'partner',
    createdAt: NOW - 1000,
    expiresAt: undefined,
    actor: 'ops',
  });

  it('leave out a ban they cover, with the allow entry named as the reason', () => {
    const p = planRules(
      [entry('ip', '192.0.2.7'), entry('cidr', '192.0.2.128/25')],
      { now: NOW, allow: [allow('192.0.2.0/24', 'cidr')] },
      { expand: true, enforces: ['ban'] },
    );
    expect(p.ban.v4).toHaveLength(0);
    expect(p.refused.map((r) => r.reason)).toEqual([
      'allowlisted (allow entry cidr 192.0.2.0/24)',
      'allowlisted (allow entry cidr 192.0.2.0/24)',
    ]);
  });

  it('keep a ban that only partly overlaps an allow entry, and list the allowed network as an exception', () => {
    const p = planRules(
      [entry('cidr', '192.0.2.0/24'), entry('asn', 'AS64496')],
      {
        now: NOW,
        resolver: RESOLVER,
        allow: [allow('192.0.2.7'), allow('203.0.113.0/28', 'cidr'), allow('198.51.100.1')],
      },
      { expand: true, enforces: ['ban'] },
    );
    expect(texts(p.ban.v4)).toEqual(['192.0.2.0/24', '203.0.113.0/24']);
    expect(texts(p.exceptions.v4)).toEqual(['192.0.2.7/32', '203.0.113.0/28']);
  });

  it('stop applying once expired', () => {
    const p = planRules(
      [entry('ip', '192.0.2.7')],
      { now: NOW, allow: [{ ...allow('192.0.2.7'), expiresAt: NOW - 1 }] },
      { expand: true, enforces: ['ban'] },
    );
    expect(texts(p.ban.v4)).toEqual(['192.0.2.7/32']);
  });
});
