import { type AllowEntry, makeRequestEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { finding } from '../../../../test/e2e/alerts-fixture.js';
import { createFixtureEnricher, readNetLines } from '../../../core/src/detect/testing/fixture-enrichment.js';
import { LiveAllowlist } from './live-allowlist.js';

const T0 = Date.UTC(2026, 0, 10, 12);
const enrich = createFixtureEnricher(readNetLines(['# net: 73.15.1.2 7922 residential US']), (host) =>
  host === 'api.example' ? 'api' : 'default',
);
const event = (ip: string, o: { ts?: number; host?: string; apiKey?: string } = {}) =>
  enrich(
    makeRequestEvent({
      ts: o.ts ?? T0,
      ip,
      method: 'GET',
      path: '/',
      status: 200,
      host: o.host ?? 'shop.example',
      ...(o.apiKey ? { apiKey: o.apiKey } : {}),
    }),
  );
const entry = (over: Partial<AllowEntry> & Pick<AllowEntry, 'kind' | 'value'>): AllowEntry => ({
  id: `a-${over.kind}-${over.value}`,
  service: undefined,
  reason: 'test',
  createdAt: T0,
  expiresAt: undefined,
  actor: 'test',
  ...over,
});

describe('LiveAllowlist', () => {
  it('allows by address, network, ASN and API key, per service, and swaps only when the entries change', () => {
    const a = new LiveAllowlist();
    expect(a.allows(event('73.15.1.2'))).toBe(false);
    expect(a.replace([entry({ kind: 'asn', value: 'AS7922' }), entry({ kind: 'api_key', value: 'k-partner' })])).toBe(
      true,
    );
    expect(a.replace([entry({ kind: 'asn', value: 'AS7922' }), entry({ kind: 'api_key', value: 'k-partner' })])).toBe(
      false,
    );
    expect(a.allows(event('73.15.1.2'))).toBe(true);
    expect(a.allows(event('159.89.10.21'))).toBe(false);
    expect(a.allows(event('159.89.10.21', { apiKey: 'k-partner' }))).toBe(true);
    a.replace([entry({ kind: 'cidr', value: '159.89.10.0/24', service: 'api' })]);
    expect(a.allows(event('159.89.10.21', { host: 'api.example' }))).toBe(true);
    expect(a.allows(event('159.89.10.21'))).toBe(false);
    expect(a.allows(event('73.15.1.2'))).toBe(false);
  });

  it('judges expiry on event time: a replay of the hour before the expiry is still allowed', () => {
    const a = new LiveAllowlist();
    a.replace([entry({ kind: 'ip', value: '159.89.10.21', expiresAt: T0 + 3_600_000 })]);
    expect(a.allows(event('159.89.10.21', { ts: T0 }))).toBe(true);
    expect(a.allows(event('159.89.10.21', { ts: T0 + 3_600_000 }))).toBe(false);
  });

  it('covers findings about allowed addresses (made before the entry existed)', () => {
    const a = new LiveAllowlist();
    a.replace([entry({ kind: 'ip', value: '198.51.100.7' })]);
    expect(a.allowsFinding(finding('f1', '198.51.100.7', { service: 'default' }))).toBe(true);
    expect(a.allowsFinding(finding('f2', '198.51.100.8', { service: 'default' }))).toBe(false);
  });
});
