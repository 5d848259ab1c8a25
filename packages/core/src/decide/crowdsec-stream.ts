/**
 * The CrowdSec LAPI bouncer protocol as a pure state machine, so existing bouncers enforce Rampart's bans:
 * `GET /v1/decisions/stream[?startup=true]` answers `{ new, deleted }` (each an array or null) relative to
 * what this bouncer was already told, and `GET /v1/decisions?ip=…` answers the decisions covering a
 * value (or null). The caller (the server) authenticates the X-Api-Key, keeps one `BouncerCursor` per
 * key and persists the cursor returned by each poll. Shapes follow crowdsecurity/crowdsec
 * (pkg/apiserver/controllers/v1/decisions.go, pkg/database/decisions.go); see docs/exports.md.
 *
 * Bans without expiry are told with a finite duration (`permanentHorizonMs`, default 7 days, because the
 * firewall bouncer caps ipset timeouts near 24.8 days) and re-sent in `new` before that runs out.
 */
import { parseCidr } from '../net/cidr.js';
import {
  activeDecisions,
  type CrowdsecDecision,
  type CrowdsecScope,
  type CrowdsecType,
  type DecisionDraft,
  type DecisionExpander,
  renderDecision,
} from './crowdsec-decision.js';
import type { AllowEntry, BanEntry } from './list-entry.js';

export type { CrowdsecDecision } from './crowdsec-decision.js';

/** What one bouncer has been told, persisted by the server between polls (plain JSON). */
export interface BouncerCursor {
  readonly told: Readonly<Record<string, ToldDecision>>;
}

/**
 * One decision a bouncer was told, kept compact because a cursor holds one per active decision (100k bans
 * ≈ 6 MB of JSON): [id, until (epoch ms), 1 when the ban has no expiry, scenario]. Type, scope and value
 * are in the key (`type|scope|value`).
 */
export type ToldDecision = readonly [id: number, until: number, permanent: 0 | 1, scenario: string];

export const EMPTY_CURSOR: BouncerCursor = { told: {} };

export interface StreamResponse {
  readonly new: CrowdsecDecision[] | null;
  readonly deleted: CrowdsecDecision[] | null;
}

/** The query filters LAPI understands for the stream (scopes, origins, scenarios_(not_)containing). */
export interface DecisionFilter {
  readonly scopes: readonly CrowdsecScope[];
  readonly origins: readonly string[] | undefined;
  readonly scenariosContaining: readonly string[] | undefined;
  readonly scenariosNotContaining: readonly string[] | undefined;
}

export interface StreamOptions {
  readonly now: number;
  readonly startup: boolean;
  readonly filter: DecisionFilter;
  /** Decision types this bouncer enforces; default ['ban'] (throttle confuses bouncers that fall back to ban). */
  readonly types?: readonly CrowdsecType[];
  readonly expand?: DecisionExpander;
  /** Allow entries; a ban they cover is not sent (and is deleted from bouncers that had it). */
  readonly allow?: readonly AllowEntry[];
  readonly permanentHorizonMs?: number;
  /** Re-send a permanent ban when less than this is left of what the bouncer was told. Default 1 day. */
  readonly refreshMarginMs?: number;
}

const SCOPE_NAMES: Readonly<Record<string, CrowdsecScope>> = { ip: 'Ip', range: 'Range', as: 'AS', country: 'Country' };
const DAY = 86_400_000;

const list = (v: string | null): string[] | undefined =>
  v === null
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

/** Reads LAPI's stream query. Like LAPI, `scopes` defaults to ip,range and matches case-insensitively. */
export function parseDecisionFilter(params: URLSearchParams): DecisionFilter {
  const raw = list(params.get('scopes') ?? params.get('scope')) ?? ['ip', 'range'];
  const scopes = raw.map((s) => SCOPE_NAMES[s.toLowerCase()]).filter((s): s is CrowdsecScope => s !== undefined);
  return {
    scopes,
    origins: list(params.get('origins')),
    scenariosContaining: list(params.get('scenarios_containing')),
    scenariosNotContaining: list(params.get('scenarios_not_containing')),
  };
}

function matches(d: DecisionDraft, f: DecisionFilter, types: readonly string[]): boolean {
  if (!types.includes(d.type) || !f.scopes.includes(d.scope)) return false;
  if (f.origins && !f.origins.some((o) => o.toLowerCase() === 'rampart')) return false;
  const sc = d.scenario.toLowerCase();
  if (f.scenariosContaining && !f.scenariosContaining.some((s) => sc.includes(s.toLowerCase()))) return false;
  if (f.scenariosNotContaining?.some((s) => sc.includes(s.toLowerCase()))) return false;
  return true;
}

/** One poll of `/v1/decisions/stream` by one bouncer: the response body and the cursor to persist. */
export function pollDecisionStream(
  entries: readonly BanEntry[],
  cursor: BouncerCursor | undefined,
  options: StreamOptions,
): { response: StreamResponse; cursor: BouncerCursor; refused: { value: string; reason: string }[] } {
  const { now } = options;
  const horizon = options.permanentHorizonMs ?? 7 * DAY;
  const margin = Math.min(options.refreshMarginMs ?? DAY, horizon / 2);
  const types = options.types ?? ['ban'];
  const before = cursor?.told ?? {};
  // startup=true: the bouncer starts empty, so everything active is new again.
  const told = options.startup ? {} : before;
  const { decisions, refused } = activeDecisions(entries, now, options.expand, options.allow);
  const fresh: CrowdsecDecision[] = [];
  const next: Record<string, ToldDecision> = {};
  for (const [key, d] of decisions) {
    if (!matches(d, options.filter, types)) continue;
    const prev = told[key];
    const permanent = d.until === undefined;
    let until = d.until ?? now + horizon;
    if (permanent && prev?.[2] === 1 && prev[0] === d.id && prev[1] - now > margin) until = prev[1];
    if (!prev || prev[0] !== d.id || prev[1] !== until) fresh.push(renderDecision(d, until, now));
    next[key] = [d.id, until, permanent ? 1 : 0, d.scenario];
  }
  const deleted: CrowdsecDecision[] = [];
  for (const [key, prev] of Object.entries(before)) {
    // A key still active was re-sent in `new` if it changed; `add … -exist` updates it in place, and a
    // delete of the same value could race the add in bouncers that apply the lists in another order.
    if (next[key]) continue;
    const [type, scope, ...rest] = key.split('|');
    const gone = {
      id: prev[0],
      type: type as CrowdsecType,
      scope: scope as CrowdsecScope,
      value: rest.join('|'),
      scenario: prev[3],
    };
    deleted.push(renderDecision(gone, prev[1], now));
  }
  return {
    response: { new: fresh.length > 0 ? fresh : null, deleted: deleted.length > 0 ? deleted : null },
    cursor: { told: next },
    refused,
  };
}

export type DecisionQueryResult =
  | { readonly ok: true; readonly body: CrowdsecDecision[] | null }
  | { readonly ok: false; readonly status: 400; readonly message: string };

/**
 * `GET /v1/decisions`: decisions filtered by `ip` / `range` (with `contains`, default true: decisions
 * that contain the value; false: decisions inside it), `scope(s)`, `value`, `type`, `origins`.
 * Without a scope filter every scope is listed, as LAPI does for this endpoint.
 */
export function queryDecisions(
  entries: readonly BanEntry[],
  params: URLSearchParams,
  now: number,
  options: { expand?: DecisionExpander; allow?: readonly AllowEntry[]; permanentHorizonMs?: number } = {},
): DecisionQueryResult {
  const target = params.get('ip') ?? params.get('range');
  const net = target === null ? undefined : parseCidr(target);
  if (target !== null && !net)
    return { ok: false, status: 400, message: `unable to convert '${target.slice(0, 64)}' to int` };
  const contains = params.get('contains') !== 'false';
  const filter = parseDecisionFilter(
    params.has('scopes') || params.has('scope') ? params : new URLSearchParams({ scopes: 'ip,range,as,country' }),
  );
  const types = params.get('type') === null ? ['ban', 'throttle'] : [params.get('type')!];
  const value = params.get('value');
  const out: CrowdsecDecision[] = [];
  for (const d of activeDecisions(entries, now, options.expand, options.allow).decisions.values()) {
    if (!matches(d, { ...filter, origins: list(params.get('origins')) }, types)) continue;
    if (value !== null && d.value !== value) continue;
    if (net) {
      if (d.version !== net.version || d.first === undefined || d.last === undefined) continue;
      const ok = contains ? d.first <= net.first && d.last >= net.last : d.first >= net.first && d.last <= net.last;
      if (!ok) continue;
    }
    out.push(renderDecision(d, d.until ?? now + (options.permanentHorizonMs ?? 7 * DAY), now));
  }
  return { ok: true, body: out.length > 0 ? out : null };
}
