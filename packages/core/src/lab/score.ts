/**
 * Scores findings against a lab day's labels. The unit of scoring is a flagged address (or API key):
 * precision is over distinct flagged units, recall is per scenario (the share of its addresses or keys
 * that were flagged) and macro recall is their mean. Rules (also in docs/lab.md):
 *  - a finding flags its entity: an address, or an API key; a group finding (cidr, asn, campaign, user)
 *    flags every address in its `ips` — a cidr finding without `ips` every labelled address inside it. An
 *    API-key finding's `ips` are context (who used the key), not accusations: the action targets the key;
 *  - a flagged unit owned by an abuse actor is a true positive; owned by a benign actor or by no actor it
 *    is a false positive — except findings on verified crawlers and the uptime monitor whose
 *    recommendation is throttle or monitor, which are allowed and counted apart;
 *  - an API-key actor counts as found when its key is flagged, otherwise by the share of its addresses.
 * The category of a finding does not decide a match; the share flagged with the expected category is
 * reported beside recall.
 */
import { CidrSet } from '../net/cidr.js';
import { normalizeIp } from '../net/ip-address.js';
import { BENIGN_KINDS, type BenignKind, type LabActor, type LabLabels } from './labels.js';
import type { ScoredFinding } from './score-input.js';

export interface ScoreBars {
  readonly minPrecision: number;
  readonly minMacroRecall: number;
  /**
   * Scenarios left out of recall, e.g. `api_key_many_networks` when scoring a log that carries no API keys
   * (nginx combined): its actors still count for precision.
   */
  readonly excludeScenarios?: readonly string[];
}
export const CI_BARS: ScoreBars = { minPrecision: 0.99, minMacroRecall: 0.9 };

export interface ScenarioScore {
  readonly scenario: string;
  readonly category: string;
  readonly actors: number;
  /** Addresses or keys the scenario used. */
  readonly units: number;
  readonly flagged: number;
  readonly recall: number;
  /** Share of flagged units flagged (also) under the scenario's own category. */
  readonly categoryMatch: number;
}

export interface FalsePositive {
  readonly unit: string;
  readonly owner: string;
  readonly kind: string;
  readonly detector: string;
  readonly category: string;
}

export interface LabScore {
  readonly findings: number;
  readonly flaggedUnits: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  /** Units of verified crawlers / monitors flagged with throttle or monitor only (allowed). */
  readonly allowedCrawlerUnits: number;
  readonly precision: number;
  readonly scenarios: readonly ScenarioScore[];
  readonly macroRecall: number;
  /** Per benign kind: how many actors there were and how many had a (non-allowed) finding. */
  readonly hardNegatives: Readonly<Record<BenignKind, { readonly actors: number; readonly flagged: number }>>;
  readonly humansFlagged: number;
  readonly verifiedCrawlersFlagged: number;
  readonly cgnatFlagged: number;
  readonly officeNatFlagged: number;
  readonly falsePositiveSamples: readonly FalsePositive[];
  readonly failures: readonly string[];
  readonly passed: boolean;
}

const CRAWLER_KINDS: ReadonlySet<string> = new Set(['verified_crawler', 'uptime_monitor']);
const keyUnit = (key: string) => `key:${key}`;

interface UnitState {
  abuse: boolean;
  falsePositive: FalsePositive | undefined;
  allowed: boolean;
  categories: Set<string>;
}

export function scoreLab(labels: LabLabels, findings: readonly ScoredFinding[], bars: ScoreBars = CI_BARS): LabScore {
  const owner = new Map<string, LabActor>();
  for (const a of labels.actors) for (const ip of a.ips) owner.set(normalizeIp(ip) ?? ip, a);
  // A key belongs to the actor whose entity it is (a leaked key's owner also sends it).
  for (const a of labels.actors) for (const k of a.apiKeys) if (!owner.has(keyUnit(k))) owner.set(keyUnit(k), a);
  for (const a of labels.actors) if (a.entity.kind === 'api_key') owner.set(keyUnit(a.entity.value), a);

  const units = new Map<string, UnitState>();
  for (const f of findings) {
    for (const unit of unitsOf(f, owner)) {
      const actor = owner.get(unit);
      let state = units.get(unit);
      if (!state) {
        state = { abuse: false, falsePositive: undefined, allowed: false, categories: new Set() };
        units.set(unit, state);
      }
      state.categories.add(f.category);
      if (actor?.label === 'abuse') state.abuse = true;
      else if (actor && CRAWLER_KINDS.has(actor.kind ?? '') && (f.action === 'throttle' || f.action === 'monitor')) {
        state.allowed = true;
      } else {
        state.falsePositive ??= {
          unit,
          owner: actor?.id ?? '(not in labels)',
          kind: actor?.kind ?? 'unlabelled',
          detector: f.detector,
          category: f.category,
        };
      }
    }
  }

  let tp = 0;
  let fp = 0;
  let allowed = 0;
  const fpSamples: FalsePositive[] = [];
  const flaggedActors = new Set<string>();
  for (const s of units.values()) {
    if (s.abuse) tp++;
    else if (s.falsePositive) {
      fp++;
      fpSamples.push(s.falsePositive);
      flaggedActors.add(s.falsePositive.owner);
    } else if (s.allowed) allowed++;
  }

  const excluded = new Set(bars.excludeScenarios ?? []);
  const scenarios = scoreScenarios(
    labels.actors.filter((a) => !excluded.has(a.scenario)),
    units,
  );
  const macroRecall = scenarios.length === 0 ? 0 : scenarios.reduce((s, x) => s + x.recall, 0) / scenarios.length;
  const hardNegatives = Object.fromEntries(BENIGN_KINDS.map((k) => [k, { actors: 0, flagged: 0 }])) as Record<
    BenignKind,
    { actors: number; flagged: number }
  >;
  for (const a of labels.actors) {
    if (a.label !== 'benign' || !a.kind) continue;
    hardNegatives[a.kind].actors++;
    if (flaggedActors.has(a.id)) hardNegatives[a.kind].flagged++;
  }
  const h = hardNegatives;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const verifiedCrawlersFlagged = h.verified_crawler.flagged + h.uptime_monitor.flagged;
  const failures: string[] = [];
  if (precision < bars.minPrecision) failures.push(`precision ${fmt(precision)} < ${bars.minPrecision}`);
  if (macroRecall < bars.minMacroRecall) failures.push(`macro recall ${fmt(macroRecall)} < ${bars.minMacroRecall}`);
  if (verifiedCrawlersFlagged > 0) failures.push(`${verifiedCrawlersFlagged} verified crawler(s) or monitor flagged`);
  if (h.cgnat_gateway.flagged > 0) failures.push(`${h.cgnat_gateway.flagged} CGNAT gateway(s) flagged`);
  if (h.office_nat.flagged > 0) failures.push(`${h.office_nat.flagged} office NAT(s) flagged`);
  return {
    findings: findings.length,
    flaggedUnits: units.size,
    truePositives: tp,
    falsePositives: fp,
    allowedCrawlerUnits: allowed,
    precision,
    scenarios,
    macroRecall,
    hardNegatives,
    humansFlagged:
      h.human.flagged + h.power_user.flagged + h.password_retry.flagged + h.flash_crowd.flagged + h.vpn_user.flagged,
    verifiedCrawlersFlagged,
    cgnatFlagged: h.cgnat_gateway.flagged,
    officeNatFlagged: h.office_nat.flagged,
    falsePositiveSamples: fpSamples.slice(0, 50),
    failures,
    passed: failures.length === 0,
  };
}

function unitsOf(f: ScoredFinding, owner: ReadonlyMap<string, LabActor>): string[] {
  const out: string[] = [];
  const { kind, value } = f.entity;
  if (kind === 'ip') out.push(normalizeIp(value) ?? value);
  if (kind === 'api_key') {
    out.push(keyUnit(value));
    return out;
  }
  for (const ip of f.ips ?? []) out.push(normalizeIp(ip) ?? ip);
  if (kind === 'cidr' && (f.ips ?? []).length === 0) {
    const { set } = CidrSet.fromStrings([value]);
    for (const unit of owner.keys()) if (!unit.startsWith('key:') && set.has(unit)) out.push(unit);
    if (out.length === 0) out.push(`cidr:${value}`);
  }
  if ((kind === 'asn' || kind === 'campaign' || kind === 'user') && out.length === 0) out.push(`${kind}:${value}`);
  return out;
}

function scoreScenarios(actors: readonly LabActor[], units: ReadonlyMap<string, UnitState>): ScenarioScore[] {
  const byScenario = new Map<string, LabActor[]>();
  for (const a of actors) {
    if (a.label !== 'abuse') continue;
    const list = byScenario.get(a.scenario) ?? [];
    list.push(a);
    byScenario.set(a.scenario, list);
  }
  const out: ScenarioScore[] = [];
  for (const [scenario, list] of byScenario) {
    let recallSum = 0;
    let total = 0;
    let flagged = 0;
    let matched = 0;
    for (const a of list) {
      const ips = a.ips.map((ip) => normalizeIp(ip) ?? ip);
      const hit = ips.filter((ip) => units.has(ip));
      const keyState = a.entity.kind === 'api_key' ? units.get(keyUnit(a.entity.value)) : undefined;
      const coverage = keyState ? 1 : ips.length === 0 ? 0 : hit.length / ips.length;
      recallSum += coverage;
      total += keyState ? 1 : ips.length;
      flagged += keyState ? 1 : hit.length;
      const states = keyState ? [keyState] : hit.map((ip) => units.get(ip) as UnitState);
      matched += states.filter((s) => s.categories.has(a.category ?? '')).length;
    }
    out.push({
      scenario,
      category: list[0]?.category ?? '',
      actors: list.length,
      units: total,
      flagged,
      recall: recallSum / list.length,
      categoryMatch: flagged === 0 ? 0 : matched / flagged,
    });
  }
  return out.sort((a, b) => a.category.localeCompare(b.category) || a.scenario.localeCompare(b.scenario));
}

function fmt(x: number): string {
  return x.toFixed(4);
}
