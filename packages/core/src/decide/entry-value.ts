/**
 * Validation and normalization of ban and allow values: addresses and networks through the shared
 * parsers, ASNs as 'AS123', countries as ISO 3166-1 alpha-2. Returns a value or a reason, never throws,
 * so the CLI and the API can report exactly what was wrong with an input.
 */
import { parseCidr } from '../net/cidr.js';
import { parseIp } from '../net/ip-address.js';
import type { AllowKind, BanKind } from './list-entry.js';

export type EntryKind = BanKind | AllowKind;

export type ValueResult =
  | { readonly ok: true; readonly kind: EntryKind; readonly value: string }
  | { readonly ok: false; readonly reason: string };

const ASN_RE = /^(?:AS)?(\d{1,10})$/i;
const COUNTRY_RE = /^[A-Za-z]{2}$/;
/** Region codes ICU knows that are not countries (or are aliases: UK is GB). */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'UK']);
/** ICU's region names: an unknown code comes back unchanged, which is how unassigned codes are refused. */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

function isCountryCode(code: string): boolean {
  if (NOT_COUNTRIES.has(code)) return false;
  try {
    return REGION_NAMES.of(code) !== code;
  } catch {
    return false;
  }
}
const TOKEN_RE = /^[A-Za-z0-9._:~+/=-]{1,200}$/;

/** Guesses the kind of a ban value: address, network, 'AS123' or a two-letter country. */
export function guessKind(text: string): BanKind | undefined {
  const s = text.trim();
  if (s.includes('/')) return 'cidr';
  if (parseIp(s)) return 'ip';
  if (/^AS\d+$/i.test(s)) return 'asn';
  if (COUNTRY_RE.test(s)) return 'country';
  return undefined;
}

/** Normalizes `text` as a value of `kind` (guessed for ban values when omitted). */
export function normalizeEntryValue(kind: EntryKind | undefined, text: string): ValueResult {
  const s = text.trim();
  const k = kind ?? guessKind(s);
  if (!k) return { ok: false, reason: `not an IP address, CIDR network, ASN (AS123) or country code: ${show(s)}` };
  switch (k) {
    case 'ip': {
      const ip = parseIp(s);
      return ip ? { ok: true, kind: k, value: ip.text } : { ok: false, reason: `not an IP address: ${show(s)}` };
    }
    case 'cidr': {
      const c = parseCidr(s);
      if (!c) return { ok: false, reason: `not a CIDR network (host bits must be zero): ${show(s)}` };
      return { ok: true, kind: k, value: c.text };
    }
    case 'asn': {
      const m = ASN_RE.exec(s);
      const n = m ? Number(m[1]) : Number.NaN;
      if (!(n > 0 && n < 4_294_967_296)) return { ok: false, reason: `not an AS number: ${show(s)}` };
      return { ok: true, kind: k, value: `AS${n}` };
    }
    case 'country': {
      const code = s.toUpperCase();
      if (!COUNTRY_RE.test(s) || !isCountryCode(code)) {
        return { ok: false, reason: `not an ISO 3166-1 alpha-2 country code: ${show(s)}` };
      }
      return { ok: true, kind: k, value: code };
    }
    case 'crawler': {
      const family = s.toLowerCase();
      return /^[a-z0-9_-]{1,64}$/.test(family)
        ? { ok: true, kind: k, value: family }
        : { ok: false, reason: `not a crawler family id (e.g. googlebot): ${show(s)}` };
    }
    case 'api_key':
      return TOKEN_RE.test(s) ? { ok: true, kind: k, value: s } : { ok: false, reason: 'not a valid API key value' };
  }
}

/** Quotes a user value for a message without letting control characters through. */
function show(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}
