/**
 * The detector contract. A detector is a plugin `{ id, description, categories, configSchema, create }`
 * (checked with `satisfies DetectorFactory<C>`) registered in `registry.ts`. The engine creates one
 * instance per service with that service's settings (defaults ← `detect.detectors.<id>` ←
 * `services[].detectors.<id>`), feeds it every accepted event in canonical event-time order through the
 * optional `observe`, and calls `evaluate` at every evaluation tick. Detectors read the shared per-key
 * features (`KeyStats`, computed once for all detectors) and the service's baseline, and return
 * `Candidate`s; the engine turns them into `Finding`s (ids, enrichment, recommendation, evidence,
 * first/last seen, de-duplication across ticks, allowlist and verified-crawler rules). See docs/detection.md.
 */
import type { TObject } from '@sinclair/typebox';
import type { Tolerance } from '../config/detect-config.js';
import type { EnrichedEvent } from '../event/enriched-event.js';
import type { PluginFactory } from '../plugin.js';
import type { KeyKind, KeyStats } from './engine/key-stats.js';
import type { KeyTable } from './engine/key-table.js';
import type { ServiceBaseline } from './engine/service-baseline.js';
import type { EventFeatures } from './features/event-features.js';
import type { Category, Entity, EvidenceLine, Signal } from './finding.js';

export interface DetectorContext {
  readonly service: string;
  readonly tolerance: Tolerance;
  /** Scales a threshold a value must reach (>=): strict lowers it, lenient raises it. */
  atLeast(threshold: number): number;
  /** Scales a threshold a value must stay under (<=): strict raises it, lenient lowers it. */
  atMost(threshold: number): number;
}

export interface EvaluationContext {
  /** Event time of this evaluation tick, epoch ms. */
  readonly now: number;
  /** The last tick of the input (end of a replay): detectors that evaluate less often MUST evaluate now. */
  readonly final: boolean;
  /** Keys of this kind touched since the previous tick. */
  touched(kind: KeyKind): readonly KeyStats[];
  table(kind: KeyKind): KeyTable;
  readonly baseline: ServiceBaseline;
}

/** What a detector reports; the engine completes it into a `Finding`. */
export interface Candidate {
  readonly entity: Entity;
  readonly category: Category;
  /** Only the signals that fired. Score defaults to 1 − Π(1 − weight). */
  readonly signals: readonly Signal[];
  readonly score?: number;
  /** In [0, 1]: how much data backs the finding. */
  readonly confidence: number;
  readonly summary: string;
  /** The state the finding is about: first/last seen, request count, network, crawler, evidence. */
  readonly stats: KeyStats;
  /** Member addresses for group entities (cidr, asn, campaign, api_key, user). */
  readonly ips?: readonly string[];
  /** Overrides the key's own evidence lines (e.g. a campaign quoting several members). */
  readonly evidence?: readonly EvidenceLine[];
  /** Cap the recommended action (bad_automation: 'monitor'). */
  readonly maxAction?: 'monitor' | 'throttle';
}

export interface Detector {
  /** Optional per-event hook for state the shared features do not keep. MUST be cheap and MUST NOT throw. */
  observe?(e: EnrichedEvent, f: EventFeatures, ip: KeyStats): void;
  evaluate(ctx: EvaluationContext): Candidate[];
}

export interface DetectorFactory<C extends { enabled: boolean }> extends PluginFactory {
  /** lower_snake_case. */
  readonly id: string;
  readonly categories: readonly Category[];
  /** TypeBox object schema with a default for every field, including `enabled`. */
  readonly configSchema: TObject;
  create(config: C, ctx: DetectorContext): Detector;
}

// biome-ignore lint/suspicious/noExplicitAny: registry entries have different config types; each is checked with `satisfies` where it is defined.
export type AnyDetectorFactory = DetectorFactory<any>;

/** A fired signal; `window` is the window the value was measured over ('10m', '1h', '24h', 'life'). */
export function signal(
  name: string,
  value: number,
  op: Signal['op'],
  threshold: number,
  weight: number,
  window: string,
  description: string,
): Signal {
  return { name, value: round(value), threshold: round(threshold), weight, window, op, description };
}

function round(x: number): number {
  return Number.isInteger(x) ? x : Math.round(x * 1000) / 1000;
}

/** Confidence from the amount of evidence: n requests reach 0.5 at `half`. */
export function confidenceFrom(n: number, half: number): number {
  return Math.round((n / (n + half)) * 1000) / 1000;
}

const ENTITY_OF_KEY = { ip: 'ip', subnet: 'cidr', asn: 'asn', api_key: 'api_key', user: 'user' } as const;

/** The finding entity for a key's stats (a subnet key is a `cidr` entity). */
export function entityOf(ks: KeyStats): Entity {
  // An IPv6 client key is its /64: a network, so a `cidr` entity (the finding lists the address seen).
  if (ks.kind === 'ip' && ks.key.includes('/')) return { kind: 'cidr', value: ks.key };
  return { kind: ENTITY_OF_KEY[ks.kind], value: ks.key };
}
