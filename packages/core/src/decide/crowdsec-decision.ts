/**
 * Rampart ban entries as CrowdSec LAPI decisions (the `models.Decision` shape of crowdsecurity/crowdsec
 * pkg/models/decision.go): one decision per distinct (type, scope, value), the longest expiry winning, with
 * a stable numeric id. Only values that pass `validateRuleValue` become decisions, because bouncers write
 * `value` straight into ipset/nftables commands. `ban` maps to type "ban", `throttle` to the custom type
 * "throttle" (sent only to bouncers that ask for it), `monitor` is never sent.
 */
import { type Cidr, parseCidr } from '../net/cidr.js';
import type { AllowEntry, BanEntry } from './list-entry.js';
import { overlaps } from './list-match.js';
import { ruleText, validateRuleValue } from './rule-value.js';

export type CrowdsecScope = 'Ip' | 'Range' | 'AS' | 'Country';
export type CrowdsecType = 'ban' | 'throttle';

/** The JSON a bouncer receives; unknown extra fields (until, uuid) are ignored by Go clients. */
export interface CrowdsecDecision {
  readonly id: number;
  readonly uuid: string;
  readonly origin: string;
  readonly type: string;
  readonly scope: CrowdsecScope;
  readonly value: string;
  /** Go time.Duration text of the time left, e.g. '3h59m58s' (negative for deleted decisions). */
  readonly duration: string;
  readonly scenario: string;
  /** RFC 3339 end time. */
  readonly until: string;
}

/** An active decision before it is rendered for one bouncer at one time. */
export interface DecisionDraft {
  readonly key: string;
  readonly id: number;
  readonly type: CrowdsecType;
  readonly scope: CrowdsecScope;
  readonly value: string;
  readonly scenario: string;
  /** Epoch ms; undefined = the ban has no expiry. */
  readonly until: number | undefined;
  /** For Ip/Range decisions: the covered range, to answer `?ip=` / `?range=` queries. */
  readonly first?: number | bigint;
  readonly last?: number | bigint;
  readonly version?: 4 | 6;
}

export const CROWDSEC_ORIGIN = 'rampart';

/** Expands an ASN ('asn', 64496) or country ('country', 'NL') to prefixes, for firewall bouncers. */
export type DecisionExpander = (kind: 'asn' | 'country', value: number | string) => readonly string[];

/** Go's time.Duration.String() for whole seconds: 3h0m5s, 4m0s, 7s, -1m30s. */
export function goDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

/**
 * A positive 48-bit id, stable for the same key and start of the ban (safe as a JSON number and int64):
 * two FNV-1a passes with different offsets. Not a security property; a collision only merges two ids.
 */
function decisionId(key: string, createdAt: number): number {
  const text = `${key}\n${createdAt}`;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193);
  }
  return ((a >>> 0) % 0x10000) * 0x100000000 + (b >>> 0) || 1;
}

interface Group {
  readonly type: CrowdsecType;
  readonly scope: CrowdsecScope;
  readonly value: string;
  scenario: string;
  until: number | undefined;
  createdAt: number;
  readonly cidr: Cidr | undefined;
}

function uuidOf(id: number): string {
  const hex = id.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The active allow entry that covers this whole ban (same value, or the ban's network inside the allowed
 * one), if any: allow overrides ban. Partial overlaps are not resolved here (see plan.ts conflicts).
 */
export function allowCovering(ban: BanEntry, allow: readonly AllowEntry[], now: number): AllowEntry | undefined {
  for (const a of allow) {
    if ((a.expiresAt !== undefined && a.expiresAt <= now) || !overlaps(ban, a)) continue;
    if (a.kind === ban.kind && a.value === ban.value) return a;
    const b = ban.kind === 'ip' || ban.kind === 'cidr' ? parseCidr(ban.value) : undefined;
    const n = a.kind === 'ip' || a.kind === 'cidr' ? parseCidr(a.value) : undefined;
    if (b && n && b.version === n.version && b.first >= n.first && b.last <= n.last) return a;
  }
  return undefined;
}

/** Active decisions of the entries at `now`, keyed by `type|scope|value`; also the values refused. */
export function activeDecisions(
  entries: readonly BanEntry[],
  now: number,
  expand?: DecisionExpander,
  allow: readonly AllowEntry[] = [],
): { decisions: Map<string, DecisionDraft>; refused: { value: string; reason: string }[] } {
  const groups = new Map<string, Group>();
  const refused: { value: string; reason: string }[] = [];
  const put = (e: BanEntry, scope: CrowdsecScope, value: string, scenario: string, c: Cidr | undefined) => {
    const type = e.mode as CrowdsecType;
    const key = `${type}|${scope}|${value}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { type, scope, value, scenario, until: e.expiresAt, createdAt: e.createdAt, cidr: c });
      return;
    }
    if (g.until !== undefined && (e.expiresAt === undefined || e.expiresAt > g.until)) {
      g.until = e.expiresAt;
      g.scenario = scenario;
    }
    if (e.createdAt < g.createdAt) g.createdAt = e.createdAt;
  };
  for (const e of entries) {
    if (e.mode === 'monitor' || (e.expiresAt !== undefined && e.expiresAt <= now)) continue;
    const v = validateRuleValue(e.kind, e.value);
    if (!v.ok) {
      refused.push({ value: String(e.value), reason: `${e.kind}: ${v.reason}` });
      continue;
    }
    if (allow.length > 0 && allowCovering(e, allow, now)) continue;
    const scenario = `rampart/${e.origin}`;
    if (v.kind === 'net') {
      put(e, v.single ? 'Ip' : 'Range', ruleText(v.cidr), scenario, v.cidr);
      continue;
    }
    const native = v.kind === 'asn' ? String(v.asn) : v.country;
    put(e, v.kind === 'asn' ? 'AS' : 'Country', native, scenario, undefined);
    if (!expand) continue;
    const via = `${scenario} ${v.kind === 'asn' ? `AS${v.asn}` : v.country}`;
    for (const p of expand(v.kind, v.kind === 'asn' ? v.asn : v.country)) {
      const pv = validateRuleValue('cidr', p);
      if (!pv.ok || pv.kind !== 'net') {
        refused.push({ value: String(p), reason: `prefix of ${native}: ${pv.ok ? 'not a network' : pv.reason}` });
        continue;
      }
      put(e, 'Range', ruleText(pv.cidr), via, pv.cidr);
    }
  }
  const decisions = new Map<string, DecisionDraft>();
  for (const [key, g] of groups) {
    const c = g.cidr;
    decisions.set(key, {
      key,
      id: decisionId(key, g.createdAt),
      type: g.type,
      scope: g.scope,
      value: g.value,
      scenario: g.scenario,
      until: g.until,
      ...(c ? { first: c.first, last: c.last, version: c.version } : {}),
    });
  }
  return { decisions, refused };
}

/** Renders a draft for a bouncer, with the end time it is told (`until`, epoch ms). */
export function renderDecision(
  d: Pick<DecisionDraft, 'id' | 'type' | 'scope' | 'value' | 'scenario'>,
  until: number,
  now: number,
): CrowdsecDecision {
  return {
    id: d.id,
    uuid: uuidOf(d.id),
    origin: CROWDSEC_ORIGIN,
    type: d.type,
    scope: d.scope,
    value: d.value,
    duration: goDuration(until - now),
    scenario: d.scenario,
    until: new Date(until).toISOString(),
  };
}
