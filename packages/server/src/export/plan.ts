/**
 * Turns ban entries into a rule plan every exporter renders from: active entries only (service filter,
 * expiry at `now`), each value through `validateRuleValue` (refused values are reported, never passed
 * on), bans an allow entry covers left out, ASN/country entries expanded to prefixes where the format
 * cannot express them, duplicates and networks covered by a wider one of the same mode dropped, throttled
 * networks already banned dropped, and the allowed networks inside blocked ones listed as exceptions.
 */
import {
  type AllowEntry,
  allowCovering,
  type BanEntry,
  type BanMode,
  type Cidr,
  ruleText,
  validateRuleValue,
} from '@rampart/core';
import type { ExportContext, ExportCounts, ExportResult, RefusedValue } from './contract.js';
import { collapse, type NetSets, overlapping, withoutCovered } from './shared/net-sets.js';

export type { NetSets };

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
  /**
   * Allowed networks lying inside exported ones (collapsed): formats that can exempt them write an
   * exception rule before the blocks; the others report them as conflicts.
   */
  readonly exceptions: NetSets;
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

export function inService(e: { readonly service: string | undefined }, service: string | undefined): boolean {
  return service === undefined || e.service === undefined || e.service === service;
}

export function planRules(entries: readonly BanEntry[], ctx: ExportContext, options: PlanOptions): RulePlan {
  const refused: RefusedValue[] = [];
  const expanded: { value: string; prefixes: number }[] = [];
  const nets = { ban: [] as Cidr[], throttle: [] as Cidr[] };
  const asns = { ban: new Set<number>(), throttle: new Set<number>() };
  const countries = { ban: new Set<string>(), throttle: new Set<string>() };
  const rows: PlanRow[] = [];
  const nativeNets: Cidr[] = [];
  let considered = 0;
  let expired = 0;
  let notEnforced = 0;
  const rv = { allowBroad: ctx.allowBroad === true };
  const allow = (ctx.allow ?? []).filter((a) => isActive(a, ctx) && inService(a, ctx.service));

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
    const covering = allow.length > 0 ? allowCovering(e, allow, ctx.now) : undefined;
    if (covering) {
      refused.push({ value, reason: `allowlisted (allow entry ${covering.kind} ${covering.value})` });
      continue;
    }
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
      // Kept native, but allowed addresses inside the ASN/country still need finding (exceptions).
      if (allow.length > 0 && ctx.resolver) {
        const prefixes =
          v.kind === 'asn' ? ctx.resolver.prefixesOfAsn(v.asn) : ctx.resolver.prefixesOfCountry(v.country);
        for (const p of prefixes) {
          const pv = validateRuleValue('cidr', p, { allowBroad: true });
          if (pv.ok && pv.kind === 'net') nativeNets.push(pv.cidr);
        }
      }
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
  const exceptions = allowedInside(allow, collapse([...ban.v4, ...ban.v6, ...nativeNets]), throttle);
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
    exceptions,
  };
}

/** Allow networks overlapping an exported network (allow entries of other kinds cannot be placed here). */
function allowedInside(allow: readonly AllowEntry[], ban: NetSets, throttle: NetSets): NetSets {
  const inside: Cidr[] = [];
  for (const a of allow) {
    if (a.kind !== 'ip' && a.kind !== 'cidr') continue;
    const v = validateRuleValue(a.kind, a.value, { allowBroad: true });
    if (!v.ok || v.kind !== 'net') continue;
    const fam = v.cidr.version === 4 ? 'v4' : 'v6';
    if (overlapping(v.cidr, ban[fam]) || overlapping(v.cidr, throttle[fam])) inside.push(v.cidr);
  }
  return collapse(inside);
}

export function netCount(s: NetSets): number {
  return s.v4.length + s.v6.length;
}

/**
 * Builds the result from a plan, the rendered text and the number of elements written. `exempts`: the
 * format wrote exception rules for allowed networks inside blocked ones; otherwise they are conflicts.
 */
export function resultOf(
  plan: RulePlan,
  text: string,
  written: number,
  notes: string[] = [],
  exempts = false,
): ExportResult {
  const counts: ExportCounts = {
    entries: plan.entries,
    expired: plan.expired,
    refused: plan.refused.length,
    notEnforced: plan.notEnforced,
    written,
    expanded: plan.expanded,
  };
  for (const c of [...plan.exceptions.v4, ...plan.exceptions.v6]) {
    notes.push(
      exempts
        ? `allowlisted ${ruleText(c)} lies inside a blocked network: exempted by an exception rule`
        : `allowlisted ${ruleText(c)} lies inside a blocked network: still blocked by this file unless you exempt the --mode allow list`,
    );
  }
  if (plan.notEnforced > 0) notes.push(`${plan.notEnforced} active entries have a mode this format does not enforce`);
  return { text, refused: plan.refused, counts, notes };
}
