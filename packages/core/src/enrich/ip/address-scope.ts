/**
 * Address scope from the IANA special-purpose registries (RFC 6890 and successors): private, loopback and
 * reserved addresses get no ASN and are never an error. IPv6 outside 2000::/3 (global unicast) is reserved
 * unless a more specific rule below says otherwise.
 */
import type { AddressScope } from '../../event/enriched-event.js';

interface V4Rule {
  readonly first: number;
  readonly last: number;
  readonly scope: AddressScope;
}

function v4(a: number, b: number, c: number, d: number, len: number, scope: AddressScope): V4Rule {
  const first = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const size = 2 ** (32 - len);
  return { first, last: first + size - 1, scope };
}

const V4_RULES: readonly V4Rule[] = [
  v4(0, 0, 0, 0, 8, 'reserved'), // "this network"
  v4(10, 0, 0, 0, 8, 'private'), // RFC 1918
  v4(100, 64, 0, 0, 10, 'private'), // RFC 6598 carrier-grade NAT
  v4(127, 0, 0, 0, 8, 'loopback'),
  v4(169, 254, 0, 0, 16, 'reserved'), // link-local
  v4(172, 16, 0, 0, 12, 'private'), // RFC 1918
  v4(192, 0, 0, 0, 24, 'reserved'), // IETF protocol assignments
  v4(192, 0, 2, 0, 24, 'reserved'), // TEST-NET-1
  v4(192, 88, 99, 0, 24, 'reserved'), // deprecated 6to4 relay anycast
  v4(192, 168, 0, 0, 16, 'private'), // RFC 1918
  v4(198, 18, 0, 0, 15, 'reserved'), // benchmarking
  v4(198, 51, 100, 0, 24, 'reserved'), // TEST-NET-2
  v4(203, 0, 113, 0, 24, 'reserved'), // TEST-NET-3
  v4(224, 0, 0, 0, 4, 'reserved'), // multicast
  v4(240, 0, 0, 0, 4, 'reserved'), // future use + limited broadcast
];

/** Scope of an IPv4 address given as an unsigned 32-bit number. */
export function scopeOfV4(value: number): AddressScope {
  // Public addresses are the common case: one range check excludes most of them quickly.
  for (const r of V4_RULES) {
    if (value < r.first) return 'public';
    if (value <= r.last) return r.scope;
  }
  return 'public';
}

/** Scope of an IPv6 address given as its top 32 bits (hi) and full bigint value. */
export function scopeOfV6(value: bigint): AddressScope {
  const top16 = Number(value >> 112n);
  if (top16 >= 0x2000 && top16 <= 0x3fff) {
    // Global unicast, except documentation prefixes.
    const top32 = Number(value >> 96n);
    if (top32 === 0x20010db8) return 'reserved'; // 2001:db8::/32 documentation
    if (top16 === 0x3fff && Number((value >> 100n) & 0xfffn) === 0) return 'reserved'; // 3fff::/20 documentation
    return 'public';
  }
  if (value === 1n) return 'loopback';
  if (top16 >= 0xfc00 && top16 <= 0xfdff) return 'private'; // unique local fc00::/7
  // NAT64 (64:ff9b::/96) carries an IPv4 address; it is routed, so treat it as public without an ASN.
  if (value >> 32n === 0x64ff9b0000000000000000n) return 'public';
  return 'reserved'; // ::, link-local fe80::/10, multicast ff00::/8, discard 100::/64, unassigned space
}
