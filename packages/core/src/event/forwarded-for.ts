/**
 * Picks the client address of a request that may have passed through proxies. Rule: when the socket
 * address (the peer nginx saw) is not one of `trustedProxies`, it is the client, whatever the
 * X-Forwarded-For header claims (anyone can send one). When it is a trusted proxy, the client is the
 * right-most X-Forwarded-For entry that is not a trusted proxy; if every entry is trusted, the left-most.
 * An entry that is not an address stops the walk at the hop to its right: nothing left of it is
 * trustworthy. With no trusted proxies configured the header is never consulted.
 */

import { RampartError } from '../errors.js';
import { CidrSet } from '../net/cidr.js';
import { normalizeIp } from '../net/ip-address.js';
import { detachString } from '../util/detach-string.js';

/** Strips a port from `1.2.3.4:80` or `[2001:db8::1]:80`; bare IPv6 (several colons) is kept whole. */
export function stripPort(address: string): string {
  const c0 = address.charCodeAt(0);
  if (c0 === 91 /* [ */) {
    const close = address.indexOf(']');
    return close > 0 ? address.slice(1, close) : address;
  }
  const colon = address.indexOf(':');
  if (colon < 0 || address.indexOf(':', colon + 1) >= 0) return address;
  return address.slice(0, colon);
}

const NORMALIZED_CACHE_LIMIT = 65_536;

export class ClientAddressResolver {
  private readonly trusted: CidrSet | undefined;
  private lastSocket = '';
  private lastSocketTrusted = false;
  /** Socket text → normalized address ('' for not an address). Logs repeat clients, and IPv6 parsing
   *  is the most expensive step of a line; cleared when full so memory stays bounded. */
  private readonly normalized = new Map<string, string>();

  /** Throws RampartError INVALID_CONFIG when a trusted proxy is not an address or CIDR. */
  constructor(trustedProxies: readonly string[]) {
    const { set, invalid } = CidrSet.fromStrings(trustedProxies);
    if (invalid.length > 0) {
      throw new RampartError('INVALID_CONFIG', `trustedProxies: not an address or CIDR: ${invalid.join(', ')}`);
    }
    this.trusted = set.size > 0 ? set : undefined;
  }

  get hasTrustedProxies(): boolean {
    return this.trusted !== undefined;
  }

  /**
   * The client address (normalized) from the socket address text (may carry a port) and the raw
   * X-Forwarded-For value ('' or '-' when absent); undefined when the address is not an address.
   */
  resolve(socket: string, forwardedFor: string): string | undefined {
    const noSocket = socket === '' || socket === '-';
    if (this.trusted === undefined) {
      if (!noSocket) return this.normalize(socket);
      return rightMostEntry(forwardedFor);
    }
    let current: string | undefined;
    if (!noSocket) {
      current = this.normalize(socket);
      if (current === undefined) return undefined;
      if (!this.isTrusted(current)) return current;
    }
    if (forwardedFor === '' || forwardedFor === '-') return current;
    let end = forwardedFor.length;
    while (end > 0) {
      const comma = forwardedFor.lastIndexOf(',', end - 1);
      const entry = forwardedFor.slice(comma + 1, end).trim();
      end = Math.max(comma, 0);
      const ip = normalizeIp(entry) ?? normalizeIp(stripPort(entry));
      if (ip === undefined) return current;
      if (!this.trusted.has(ip)) return ip;
      current = ip;
    }
    return current;
  }

  private normalize(text: string): string | undefined {
    if (isCanonicalIpv4(text)) return text;
    let n = this.normalized.get(text);
    if (n === undefined) {
      n = normalizeIp(text) ?? normalizeIp(stripPort(text)) ?? '';
      if (this.normalized.size >= NORMALIZED_CACHE_LIMIT) this.normalized.clear();
      // Copied: a cached key must not pin the log chunk the parser sliced it from.
      this.normalized.set(detachString(text), n);
    }
    return n === '' ? undefined : n;
  }

  private isTrusted(ip: string): boolean {
    if (ip === this.lastSocket) return this.lastSocketTrusted;
    this.lastSocket = ip;
    this.lastSocketTrusted = this.trusted!.has(ip);
    return this.lastSocketTrusted;
  }
}

/**
 * True for a dotted quad already in normal form (no leading zeros, each part ≤ 255): most client
 * addresses, checked with a few character comparisons instead of a map lookup or a regex.
 */
export function isCanonicalIpv4(s: string): boolean {
  const len = s.length;
  if (len < 7 || len > 15) return false;
  let parts = 0;
  let value = 0;
  let digitCount = 0;
  for (let i = 0; i <= len; i++) {
    const c = i === len ? 46 : s.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digitCount === 0 || value > 255) return false;
      parts++;
      value = 0;
      digitCount = 0;
    } else {
      const dgt = c - 48;
      if (dgt < 0 || dgt > 9 || (digitCount === 1 && value === 0)) return false;
      value = value * 10 + dgt;
      digitCount++;
    }
  }
  return parts === 4;
}

function rightMostEntry(forwardedFor: string): string | undefined {
  if (forwardedFor === '' || forwardedFor === '-') return undefined;
  const entry = forwardedFor.slice(forwardedFor.lastIndexOf(',') + 1).trim();
  return normalizeIp(entry) ?? normalizeIp(stripPort(entry));
}
