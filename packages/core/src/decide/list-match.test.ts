import { describe, expect, it } from 'vitest';
import type { AllowEntry, BanEntry } from './list-entry.js';
import { ListMatcher, type ListSubject, overlaps } from './list-match.js';

const ban = (kind: BanEntry['kind'], value: string, over: Partial<BanEntry> = {}): BanEntry => ({
  id: `b_${value}`,
  kind,
  value,
  mode: 'ban',
  service: undefined,
  origin: 'manual',
  reason: '',
  findingId: undefined,
  reportId: undefined,
  createdAt: 0,
  expiresAt: undefined,
  offence: 0,
  actor: 'a',
  ...over,
});
const allow = (kind: AllowEntry['kind'], value: string, over: Partial<AllowEntry> = {}): AllowEntry => ({
  id: `a_${value}`,
  kind,
  value,
  service: undefined,
  reason: '',
  createdAt: 0,
  expiresAt: undefined,
  actor: 'a',
  ...over,
});
const subject = (ip: string, over: Partial<ListSubject> = {}): ListSubject => ({
  ip,
  service: 'api',
  asn: 64500,
  country: 'NL',
  verifiedCrawler: undefined,
  apiKey: undefined,
  ...over,
});

describe('overlaps', () => {
  it('sees an allowed address inside a banned network, and the reverse', () => {
    expect(overlaps(ban('cidr', '203.0.113.0/24'), allow('ip', '203.0.113.7'))).toBe(true);
    expect(overlaps(ban('ip', '203.0.113.7'), allow('cidr', '203.0.113.0/25'))).toBe(true);
    expect(overlaps(ban('cidr', '2001:db8::/32'), allow('cidr', '2001:db8:1::/48'))).toBe(true);
  });

  it('ignores disjoint networks, other IP versions and other services', () => {
    expect(overlaps(ban('cidr', '203.0.113.0/24'), allow('ip', '203.0.114.7'))).toBe(false);
    expect(overlaps(ban('cidr', '0.0.0.0/0'), allow('ip', '2001:db8::1'))).toBe(false);
    expect(overlaps(ban('ip', '203.0.113.7', { service: 'web' }), allow('ip', '203.0.113.7', { service: 'api' }))).toBe(
      false,
    );
    expect(overlaps(ban('asn', 'AS1'), allow('asn', 'AS1'))).toBe(true);
  });
});

describe('ListMatcher', () => {
  it('lets an allow entry override a matching ban and still reports the ban', () => {
    const m = new ListMatcher([ban('cidr', '203.0.113.0/24')], [allow('ip', '203.0.113.7')]);
    expect(m.match(subject('203.0.113.7'))).toMatchObject({ action: 'allow', ban: { value: '203.0.113.0/24' } });
    expect(m.match(subject('203.0.113.8')).action).toBe('ban');
    expect(m.match(subject('198.51.100.1')).action).toBe('none');
  });

  it('picks the strongest of several matching bans', () => {
    const m = new ListMatcher([ban('asn', 'AS64500', { mode: 'throttle' }), ban('country', 'NL', { mode: 'ban' })]);
    expect(m.match(subject('198.51.100.1')).action).toBe('ban');
  });

  it('matches allowed verified crawlers and API keys per request, not per address', () => {
    const m = new ListMatcher([ban('ip', '66.249.66.1')], [allow('crawler', 'googlebot'), allow('api_key', 'k1')]);
    expect(m.match(subject('66.249.66.1')).action).toBe('ban');
    expect(m.match(subject('66.249.66.1', { verifiedCrawler: 'googlebot' })).action).toBe('allow');
    expect(m.match(subject('66.249.66.1', { apiKey: 'k1' })).action).toBe('allow');
  });

  it('applies service-scoped entries to their service only', () => {
    const m = new ListMatcher([ban('ip', '198.51.100.1', { service: 'web' })]);
    expect(m.match(subject('198.51.100.1')).action).toBe('none');
    expect(m.match(subject('198.51.100.1', { service: 'web' })).action).toBe('ban');
  });
});
