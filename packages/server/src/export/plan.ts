/**
 * Turns ban entries into a rule plan every exporter renders from: active entries only (service filter,
 * expiry at `now`), each value through `validateRuleValue` (refused values are reported, never passed
 * on), ASN/country entries expanded to prefixes where the format cannot express them, duplicates and
 * networks covered by a wider one of the same mode dropped, and throttled networks already banned dropped.
 */
import {
  type AllowEntry,
  allowCovering,
  type BanEntry,
  type BanMode,
  type Cidr,
  overlaps,
  ruleText,
  validateRuleValue,
} from '@rampart/core';
import type { ExportContext, ExportCounts, ExportResult, RefusedValue } from './contract.js';

export interface NetSets {
  readonly v4: readonly Cidr[];
  readonly v6: readonly Cidr[];
}

/** A validated entry with its normalized value, for row formats (JSON, CSV). */
export interface PlanRow {
  readonly entry: BanEntry;
  readonly value: string;
}

export interface RulePlan {
  readonly ban: NetSets;
  readonly throttle: NetSets;
  /** Only filled when the format keeps ASNs/countries native (`expand: false`). */
  readonly asns: { readonly ban: readonly number[]; readonly throttle: readonly number[] };
  readonly countries: { readonly ban: readonly string[]; readonly throttle: readonly string[] };
  readonly rows: readonly PlanRow[];
  readonly refused: RefusedValue[];
  readonly entries: number;
  readonly expired: number;
  readonly notEnforced: number;
  readonly expanded: { value: string; prefixes: number }[];
  /** Partial overlaps with allow entries, in words (the ban is kept; the allowed part is still blocked). */
  readonly conflicts: string[];
}

export interface PlanOptions {
  /** Expand ASN/country entries to prefixes through the resolver. */
  readonly expand: boolean;
  /** Modes this format enforces; other active entries count as not enforced. */
  readonly enforces: readonly BanMode[];
}

/** Not expired at `now`. */
export function isActive(e: { readonly expiresAt: number | undefined }, ctx: { readonly now: number }): boolean {
  return e.expiresAt === undefined || e.expiresAt > ctx.now;
}

export function inService(e: BanEntry, service: string | undefined): boolean {
  return service === undefined || e.service === undefined || e.service === service;
}

export function planRules(entries: readonly BanEntry[], ctx: ExportContext, options: PlanOptions): RulePlan {
  const refused: RefusedValue[] = [];
  const expanded: { value: string; prefixes: number }[] = [];
  const nets = { ban: [] as Cidr[], throttle: [] as Cidr[] };
  const asns = { ban: new Set<number>(), throttle: new Set<number>() };
  const countries = { ban: new Set<string>(), throttle: new Set<string>() };
  const rows: PlanRow[] = [];
  let considered = 0;
  let expired = 0;
  let notEnforced = 0;
  const rv = { allowBroad: ctx.allowBroad === true };
  const allow = (ctx.allow ?? []).filter((a) => isActive(a, ctx));
  const conflicts: string[] = [];

  for (const e of entries) {
    if (!inService(e, ctx.service)) continue;
    considered++;
    if (!isActive(e, ctx)) {
      expired++;
      continue;
    }
    const v = validateRuleValue(e.kind, e.value, rv);
    if (!v.ok) {
      refused.push({ value: String(e.value), reason: `${e.kind}: ${v.reason}` });
      continue;
    }
    const value =
      v.kind === 'net'
        ? e.kind === 'ip'
          ? ruleText(v.cidr)
          : v.cidr.text
        : v.kind === 'asn'
          ? `AS${v.asn}`
          : v.country;
    const allowed = allowVerdict(e, allow, ctx.now);
    if (allowed.covered) {
      refused.push({ value, reason: `allowlisted (allow entry ${allowed.covered.kind} ${allowed.covered.value})` });
      continue;
    }
    for (const a of allowed.partial) conflicts.push(`${e.kind} ${value} overlaps allowlisted ${a.kind} ${a.value}`);
    rows.push({ entry: e, value });
    if (!options.enforces.includes(e.mode)) {
      notEnforced++;
      continue;
    }
    // Row formats list monitor entries; nothing enforces them.
    if (e.mode !== 'ban' && e.mode !== 'throttle') continue;
    const mode = e.mode;
    if (v.kind === 'net') {
      nets[mode].push(v.cidr);
    } else if (!options.expand) {
      if (v.kind === 'asn') asns[mode].add(v.asn);
      else countries[mode].add(v.country);
    } else if (!ctx.resolver) {
      refused.push({ value, reason: `${e.kind}: this format needs prefixes and no prefix data is available` });
    } else {
      const prefixes = v.kind === 'asn' ? ctx.resolver.prefixesOfAsn(v.asn) : ctx.resolver.prefixesOfCountry(v.country);
      let n = 0;
      for (const p of prefixes) {
        const pv = validateRuleValue('cidr', p, rv);
        if (pv.ok && pv.kind === 'net') {
          nets[mode].push(pv.cidr);
          n++;
        } else if (!pv.ok) refused.push({ value: String(p), reason: `prefix of ${value}: ${pv.reason}` });
      }
      expanded.push({ value, prefixes: n });
    }
  }
  const ban = collapse(nets.ban);
  const throttle = withoutCovered(collapse(nets.throttle), ban);
  return {
    ban,
    throttle,
    asns: { ban: [...asns.ban].sort((a, b) => a - b), throttle: [...asns.throttle].sort((a, b) => a - b) },
    countries: { ban: [...countries.ban].sort(), throttle: [...countries.throttle].sort() },
    rows,
    refused,
    entries: considered,
    expired,
    notEnforced,
    expanded,
    conflicts,
  };
}

/** An allow entry covering the whole ban wins; other overlapping ones are conflicts to report. */
function allowVerdict(
  e: BanEntry,
  allow: readonly AllowEntry[],
  now: number,
): { covered?: AllowEntry; partial: AllowEntry[] } {
  const covered = allowCovering(e, allow, now);
  if (covered) return { covered, partial: [] };
  return { partial: allow.filter((a) => overlaps(e, a)) };
}

function cmp(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by family and start; duplicates and networks inside a wider kept network removed. */
export function collapse(cidrs: readonly Cidr[]): NetSets {
  const out = { v4: [] as Cidr[], v6: [] as Cidr[] };
  const sorted = [...cidrs].sort(
    (a, b) => a.version - b.version || cmp(a.first, b.first) || a.prefixLength - b.prefixLength,
  );
  for (const c of sorted) {
    const list = c.version === 4 ? out.v4 : out.v6;
    const top = list[list.length - 1];
    if (top && c.first >= top.first && c.last <= top.last) continue;
    list.push(c);
  }
  return out;
}

/** Drops networks inside one of `by` (collapsed: sorted and disjoint), by binary search. */
function withoutCovered(sets: NetSets, by: NetSets): NetSets {
  const keep = (list: readonly Cidr[], cover: readonly Cidr[]) =>
    list.filter((c) => {
      let lo = 0;
      let hi = cover.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const w = cover[mid]!;
        if (w.last < c.first) lo = mid + 1;
        else if (w.first > c.last) hi = mid - 1;
        else return !(c.first >= w.first && c.last <= w.last);
      }
      return true;
    });
  return { v4: keep(sets.v4, by.v4), v6: keep(sets.v6, by.v6) };
}

export function netCount(s: NetSets): number {
  return s.v4.length + s.v6.length;
}

/** Builds the result from a plan, the rendered text and the number of elements written. */
export function resultOf(plan: RulePlan, text: string, written: number, notes: string[] = []): ExportResult {
  const counts: ExportCounts = {
    entries: plan.entries,
    expired: plan.expired,
    refused: plan.refused.length,
    notEnforced: plan.notEnforced,
    written,
    expanded: plan.expanded,
  };
  for (const c of plan.conflicts) notes.push(`${c}: the allowed part is still blocked by this file`);
  if (plan.notEnforced > 0) notes.push(`${plan.notEnforced} active entries have a mode this format does not enforce`);
  return { text, refused: plan.refused, counts, notes };
}
