/**
 * Everything the engine keeps for one service: its key tables, baseline, allowlist and detector
 * instances created with the service's resolved settings (defaults ← detect.detectors ← service.detectors,
 * thresholds scaled by tolerance).
 */
import type { DetectConfig, ServiceConfig, Tolerance } from '../../config/detect-config.js';
import { validateWithDefaults } from '../../config/load-config.js';
import type { AllowEntry } from '../../decide/list-entry.js';
import type { AnyDetectorFactory, Detector, DetectorContext } from '../detector.js';
import { type AllowMatcher, createAllowMatcher } from './allowlist.js';
import { KEY_KINDS, type KeyKind } from './key-stats.js';
import { KeyTable } from './key-table.js';
import { ServiceBaseline } from './service-baseline.js';

/** Threshold multiplier per tolerance (docs/detection.md#tolerance). */
export const TOLERANCE_SCALE: Record<Tolerance, number> = { strict: 0.7, normal: 1, lenient: 1.5 };

export interface ServiceRuntime {
  readonly name: string;
  readonly tables: Record<KeyKind, KeyTable>;
  readonly baseline: ServiceBaseline;
  readonly allow: AllowMatcher;
  readonly detectors: ReadonlyArray<{ readonly id: string; readonly detector: Detector }>;
  /** Detectors with an `observe` hook, called per event. */
  readonly observers: readonly Detector[];
}

export function createServiceRuntime(
  service: ServiceConfig,
  config: DetectConfig,
  registry: readonly AnyDetectorFactory[],
  allow: readonly AllowEntry[],
): ServiceRuntime {
  const scale = TOLERANCE_SCALE[service.tolerance as Tolerance];
  const ctx: DetectorContext = {
    service: service.name,
    tolerance: service.tolerance as Tolerance,
    atLeast: (t) => t * scale,
    atMost: (t) => t / scale,
  };
  const detectors: Array<{ id: string; detector: Detector }> = [];
  for (const factory of registry) {
    const merged = { ...(config.detectors[factory.id] ?? {}), ...(service.detectors[factory.id] ?? {}) };
    const settings = validateWithDefaults(
      factory.configSchema,
      merged,
      `detect settings of ${factory.id} (service ${service.name})`,
    ) as { enabled: boolean };
    if (!settings.enabled) continue;
    detectors.push({ id: factory.id, detector: factory.create(settings, ctx) });
  }
  const tables = Object.fromEntries(KEY_KINDS.map((k) => [k, new KeyTable(k, config.maxKeysPerKind)])) as Record<
    KeyKind,
    KeyTable
  >;
  return {
    name: service.name,
    tables,
    baseline: new ServiceBaseline(),
    allow: createAllowMatcher([...config.allow, ...service.allow, ...allow], service.name),
    detectors,
    observers: detectors.map((d) => d.detector).filter((d) => d.observe !== undefined),
  };
}
