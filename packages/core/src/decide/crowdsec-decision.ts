/**
 * Rampart ban entries as CrowdSec LAPI decisions (the `models.Decision` shape of crowdsecurity/crowdsec
 * pkg/models/decision.go): one decision per distinct (type, scope, value), the longest expiry winning, with
 * a stable numeric id. Only values that pass `validateRuleValue` become decisions, because bouncers write
 * `value` straight into ipset/nftables commands. `ban` maps to type "ban", `throttle` to the custom type
 * "throttle" (sent only to bouncers that ask for it), `monitor` is never sent.
 */
import { createHash } from 'node:crypto';
import { parseCidr } from '../net/cidr.js';
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

/** A positive 48-bit id, stable for the same key and start of the ban (safe as a JSON number and int64). */
function decisionId(key: string, createdAt: number): number {
  const h = createHash('sha256').update(`${key}\n${createdAt}`).digest();
  return h.readUIntBE(0, 6) || 1;
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
  const groups = new Map<string, { draft: Omit<DecisionDraft, 'id' | 'key'>; createdAt: number }>();
  const refused: { value: string; reason: string }[] = [];
  const put = (d: Omit<DecisionDraft, 'id' | 'key'>, createdAt: number) => {
    const key = `${d.type}|${d.scope}|${d.value}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { draft: d, createdAt });
    else {
      const longer = g.draft.until !== undefined && (d.until === undefined || d.until > g.draft.until);
      groups.set(key, { draft: longer ? d : g.draft, createdAt: Math.min(g.createdAt, createdAt) });
    }
  };
  for (const e of entries) {
    if (e.mode === 'monitor' || (e.expiresAt !== undefined && e.expiresAt <= now)) continue;
    const v = validateRuleValue(e.kind, e.value);
    if (!v.ok) {
      refused.push({ value: String(e.value), reason: `${e.kind}: ${v.reason}` });
      continue;
    }
    if (allow.length > 0 && allowCovering(e, allow, now)) continue;
    const base = { type: e.mode, scenario: `rampart/${e.origin}`, until: e.expiresAt };
    if (v.kind === 'net') {
      const c = v.cidr;
      const net = { first: c.first, last: c.last, version: c.version };
      put({ ...base, ...net, scope: v.single ? 'Ip' : 'Range', value: ruleText(c) }, e.createdAt);
      continue;
    }
    const native = v.kind === 'asn' ? String(v.asn) : v.country;
    put({ ...base, scope: v.kind === 'asn' ? 'AS' : 'Country', value: native }, e.createdAt);
    if (!expand) continue;
    for (const p of expand(v.kind, v.kind === 'asn' ? v.asn : v.country)) {
      const pv = validateRuleValue('cidr', p);
      if (!pv.ok || pv.kind !== 'net') {
        refused.push({ value: String(p), reason: `prefix of ${native}: ${pv.ok ? 'not a network' : pv.reason}` });
        continue;
      }
      const c = pv.cidr;
      const scenario = `${base.scenario} ${v.kind === 'asn' ? `AS${v.asn}` : v.country}`;
      const net = { first: c.first, last: c.last, version: c.version };
      put({ ...base, ...net, scenario, scope: 'Range', value: ruleText(c) }, e.createdAt);
    }
  }
  const decisions = new Map<string, DecisionDraft>();
  for (const [key, g] of groups) decisions.set(key, { ...g.draft, key, id: decisionId(key, g.createdAt) });
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
