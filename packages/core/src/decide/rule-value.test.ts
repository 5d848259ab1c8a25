import { describe, expect, it } from 'vitest';
import { ruleText, validateRuleValue } from './rule-value.js';

describe('validateRuleValue', () => {
  it('re-formats addresses and networks from the parsed value', () => {
    const v = validateRuleValue('ip', '2001:DB8:0:0::7');
    expect(v.ok && v.kind === 'net' && ruleText(v.cidr)).toBe('2001:db8::7');
    const m = validateRuleValue('ip', '::ffff:198.51.100.7');
    expect(m.ok && m.kind === 'net' && ruleText(m.cidr)).toBe('198.51.100.7');
  });
  it.each([
    ['ip', '1.2.3.4; rm -rf /'],
    ['ip', '1.2.3.4\nCOMMIT'],
    ['ip', '01.2.3.4'],
    ['ip', ' 1.2.3.4'],
    ['cidr', '192.0.2.1/24'],
    ['cidr', '0.0.0.0/0'],
    ['cidr', '127.0.0.0/16'],
    ['ip', '::1'],
    ['cidr', '0.0.0.0/8'],
    ['asn', 'AS0'],
    ['asn', 'AS23456'],
    ['asn', 'as64496'],
    ['asn', 'AS4294967296'],
    ['country', 'nl'],
    ['country', 'NLD'],
  ] as const)('refuses %s %j with a reason', (kind, value) => {
    const v = validateRuleValue(kind, value);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason.length).toBeGreaterThan(3);
  });
  it('refuses networks broader than /8 or /16 unless allowBroad, and /0 always', () => {
    expect(validateRuleValue('cidr', '16.0.0.0/4').ok).toBe(false);
    expect(validateRuleValue('cidr', '16.0.0.0/4', { allowBroad: true }).ok).toBe(true);
    expect(validateRuleValue('cidr', '2000::/3').ok).toBe(false);
    expect(validateRuleValue('cidr', '::/0', { allowBroad: true }).ok).toBe(false);
  });
  it('accepts AS numbers with or without the AS prefix and upper-case countries', () => {
    expect(validateRuleValue('asn', 'AS64496')).toEqual({ ok: true, kind: 'asn', asn: 64496 });
    expect(validateRuleValue('asn', '4200000000')).toEqual({ ok: true, kind: 'asn', asn: 4200000000 });
    expect(validateRuleValue('country', 'NL')).toEqual({ ok: true, kind: 'country', country: 'NL' });
  });
});
