/**
 * The exporter contract: a pure function from ban entries to one file's text, plus what was refused and
 * why. Exporters never see raw values: they render the validated, normalized plan from `plan.ts`.
 */
import type { AllowEntry, BanEntry } from '@rampart/core';

/** Expands ASN and country bans to prefixes for formats that cannot express them. */
export interface PrefixResolver {
  prefixesOfAsn(asn: number): readonly string[];
  prefixesOfCountry(cc: string): readonly string[];
}

/** Rate used where a format has a rate-limit construct for `throttle` entries. */
export interface ThrottleRate {
  /** Requests (HTTP formats) or new connections (packet filters) per second. */
  readonly perSecond: number;
  readonly burst: number;
}

export interface ExportContext {
  /** Epoch ms; entries expired at this time are never exported. */
  readonly now: number;
  /** Only entries of this service and global ones; omitted: all entries. */
  readonly service?: string | undefined;
  readonly resolver?: PrefixResolver | undefined;
  /** Allow entries override bans: a ban an allow entry covers is left out; a partial overlap is noted. */
  readonly allow?: readonly AllowEntry[] | undefined;
  /** Accept networks broader than /8 (IPv4) or /16 (IPv6). /0 and loopback are refused regardless. */
  readonly allowBroad?: boolean | undefined;
  readonly throttle?: ThrottleRate | undefined;
  /**
   * For single-list formats (plain, HAProxy, Cloudflare, AWS WAF): which list. Default 'ban'; 'allow' lists
   * the allowed networks inside blocked ones, for an exemption rule.
   */
  readonly mode?: 'ban' | 'throttle' | 'allow' | undefined;
  /** Prefix of ipset/nftables set names and the iptables hashlimit name; [a-z0-9_-], at most 16. */
  readonly setPrefix?: string | undefined;
}

export interface RefusedValue {
  readonly value: string;
  readonly reason: string;
}

export interface ExportCounts {
  /** Entries considered (after the service filter). */
  readonly entries: number;
  readonly expired: number;
  readonly refused: number;
  /** Entries whose mode this format does not enforce (monitor everywhere but JSON/CSV; throttle in some). */
  readonly notEnforced: number;
  /** Lines/elements written (networks, ASNs, countries, rows). */
  readonly written: number;
  /** ASN/country entries expanded to prefixes, with how many prefixes each became. */
  readonly expanded: readonly { readonly value: string; readonly prefixes: number }[];
}

export interface ExportResult {
  readonly text: string;
  readonly refused: readonly RefusedValue[];
  readonly counts: ExportCounts;
  /** Plain-language notes (limits reached, modes not enforced). */
  readonly notes: readonly string[];
}

export interface Exporter {
  /** lower_snake_case id used by `rampart export --format`. */
  readonly id: string;
  readonly description: string;
  readonly contentType: string;
  readonly fileExtension: string;
  render(entries: readonly BanEntry[], ctx: ExportContext): ExportResult;
}

export const DEFAULT_THROTTLE: ThrottleRate = { perSecond: 10, burst: 20 };
