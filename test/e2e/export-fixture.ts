/**
 * A ban list for export tests: IPv4/IPv6 addresses and networks in every mode, an ASN and a country (with a
 * small fixed prefix resolver), an expired entry, and hostile values that MUST never reach a rule file.
 */
import type { AllowEntry, BanEntry, BanKind, BanMode } from '@rampart/core';
import type { PrefixResolver } from '../../packages/server/src/export/contract.js';

export const NOW = Date.UTC(2026, 10, 21, 8, 0, 0);

let seq = 0;
export function entry(kind: BanKind, value: string, mode: BanMode = 'ban', extra: Partial<BanEntry> = {}): BanEntry {
  seq++;
  return {
    id: `b${seq}`,
    kind,
    value,
    mode,
    service: undefined,
    origin: 'manual',
    reason: 'test',
    findingId: undefined,
    reportId: undefined,
    createdAt: NOW - 3_600_000,
    expiresAt: NOW + 6 * 3_600_000,
    offence: 0,
    actor: 'tester',
    ...extra,
  };
}

/** Values an attacker could try to smuggle into a rule file through a log line or an API call. */
export const HOSTILE: readonly [BanKind, string][] = [
  ['ip', '1.2.3.4; rm -rf /'],
  ['ip', '1.2.3.4\nCOMMIT'],
  ['cidr', '10.9.0.0/16\n-A INPUT -j ACCEPT'],
  ['ip', 'Mozilla/5.0 (X11; Linux x86_64)'],
  ['ip', '$(reboot)'],
  ['cidr', '0.0.0.0/0'],
  ['cidr', '::/0'],
  ['cidr', '127.0.0.0/8'],
  ['ip', '::1'],
  ['cidr', '16.0.0.0/4'],
  ['cidr', '192.0.2.1/24'],
  ['asn', 'AS64496; drop table'],
  ['asn', 'AS99999999999'],
  ['country', 'nl'],
  ['country', 'NL}'],
  ['ip', ' 198.51.100.7'],
  ['ip', '198.51.100.7/32'],
];

/** Fragments that would prove a hostile value got through. */
export const HOSTILE_MARKERS = ['rm -rf', 'COMMIT\n-A', '-A INPUT', 'Mozilla', '$(', 'reboot', 'drop table', 'NL}'];

export const RESOLVER: PrefixResolver = {
  prefixesOfAsn: (asn) => (asn === 64496 ? ['203.0.113.0/24', '2001:db8:100::/48'] : []),
  prefixesOfCountry: (cc) => (cc === 'NL' ? ['198.18.0.0/15', '192.0.2.0/25;evil'] : []),
};

export function banList(): BanEntry[] {
  return [
    entry('ip', '198.51.100.7'),
    entry('ip', '2001:db8::7'),
    entry('cidr', '198.51.100.0/24'),
    entry('cidr', '2001:db8:42::/48'),
    entry('ip', '100.64.1.1', 'throttle'),
    entry('cidr', '2001:db8:77::/64', 'throttle'),
    entry('ip', '100.64.2.2', 'monitor'),
    entry('asn', 'AS64496'),
    entry('country', 'NL'),
    entry('ip', '192.0.2.99', 'ban', { expiresAt: NOW - 1 }),
    entry('ip', '192.0.2.100', 'ban', { expiresAt: undefined }),
    ...HOSTILE.map(([k, v]) => entry(k, v)),
  ];
}

/** Allowed networks inside banned ones (exceptions), and one allow entry that covers a ban entirely. */
export function allowList(): AllowEntry[] {
  const allow = (kind: 'ip' | 'cidr', value: string): AllowEntry => ({
    id: `a-${value}`,
    kind,
    value,
    service: undefined,
    reason: 'partner',
    createdAt: NOW - 1000,
    expiresAt: undefined,
    actor: 'ops',
  });
  return [allow('ip', '198.51.100.50'), allow('cidr', '2001:db8:42:1::/64'), allow('ip', '192.0.2.100')];
}
