/**
 * The gate every value passes before it may appear in a rule file or a bouncer decision: addresses and
 * networks are parsed strictly and re-formatted from the parsed value (input text is never echoed), ASNs
 * and countries must match a strict pattern. Networks that would cut off the host itself (loopback,
 * 'this network') or most of the Internet (shorter than /8 for IPv4, /16 for IPv6) are refused unless
 * `allowBroad` is set. Returns a value or a reason; never throws.
 */
import { type Cidr, parseCidr } from '../net/cidr.js';
import type { BanKind } from './list-entry.js';

export type RuleValue =
  | { readonly ok: true; readonly kind: 'net'; readonly cidr: Cidr; readonly single: boolean }
  | { readonly ok: true; readonly kind: 'asn'; readonly asn: number }
  | { readonly ok: true; readonly kind: 'country'; readonly country: string }
  | { readonly ok: false; readonly reason: string };

export interface RuleValueOptions {
  /** Accept networks shorter than the minimum prefix lengths (never /0, never loopback). */
  readonly allowBroad?: boolean;
  /** Shortest IPv4 prefix accepted without allowBroad. Default 8. */
  readonly minV4Prefix?: number;
  /** Shortest IPv6 prefix accepted without allowBroad. Default 16. */
  readonly minV6Prefix?: number;
}

const ASN_RE = /^(?:AS)?(\d{1,10})$/;
const COUNTRY_RE = /^[A-Z]{2}$/;
/** AS 0, AS_TRANS, the last 16-bit and the last 32-bit numbers are reserved (RFC 7607, 6793, 7300). */
const RESERVED_ASNS = new Set([0, 23456, 65535, 4294967295]);

/** Networks a rule MUST NOT touch: blocking them locks the host out of itself. */
const PROTECTED = ['127.0.0.0/8', '0.0.0.0/8', '::1/128', '::/128'].map((t) => parseCidr(t)!);

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last;
}

/** Validates a ban value of `kind` for use in a rule file. */
export function validateRuleValue(kind: BanKind, value: string, options: RuleValueOptions = {}): RuleValue {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    return { ok: false, reason: 'empty or overlong value' };
  }
  switch (kind) {
    case 'ip':
    case 'cidr':
      return validateNetwork(kind, value, options);
    case 'asn': {
      const m = ASN_RE.exec(value);
      if (!m) return { ok: false, reason: 'not an AS number (expected AS followed by digits)' };
      const asn = Number(m[1]);
      if (asn > 4294967295) return { ok: false, reason: 'AS number out of range' };
      if (RESERVED_ASNS.has(asn)) return { ok: false, reason: `reserved AS number ${asn}` };
      return { ok: true, kind: 'asn', asn };
    }
    case 'country':
      return COUNTRY_RE.test(value)
        ? { ok: true, kind: 'country', country: value }
        : { ok: false, reason: 'not a two-letter upper-case country code' };
    default:
      return { ok: false, reason: 'unknown entry kind' };
  }
}

function validateNetwork(kind: 'ip' | 'cidr', value: string, options: RuleValueOptions): RuleValue {
  // parseCidr trims; a rule value MUST be exactly an address or network, so surrounding space is refused.
  if (value.trim() !== value) return { ok: false, reason: 'surrounding whitespace' };
  if (kind === 'ip' && value.includes('/')) return { ok: false, reason: 'not an IP address' };
  const cidr = parseCidr(value);
  if (!cidr) {
    return {
      ok: false,
      reason: kind === 'ip' ? 'not an IP address' : 'not a CIDR network (or host bits are set)',
    };
  }
  if (cidr.prefixLength === 0) return { ok: false, reason: 'a /0 network would block everything' };
  for (const p of PROTECTED) {
    if (overlaps(cidr, p)) return { ok: false, reason: `overlaps ${p.text}, which the host needs` };
  }
  const min = cidr.version === 4 ? (options.minV4Prefix ?? 8) : (options.minV6Prefix ?? 16);
  if (!options.allowBroad && cidr.prefixLength < min) {
    return { ok: false, reason: `network broader than /${min}; pass allowBroad to export it` };
  }
  const max = cidr.version === 4 ? 32 : 128;
  return { ok: true, kind: 'net', cidr, single: cidr.prefixLength === max };
}

/** The address text of a single-address network, or the network text. */
export function ruleText(cidr: Cidr): string {
  const max = cidr.version === 4 ? 32 : 128;
  return cidr.prefixLength === max ? cidr.text.slice(0, cidr.text.indexOf('/')) : cidr.text;
}
