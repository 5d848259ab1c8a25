/**
 * The detection engine: consumes enriched events on event time (bounded lateness, canonical order),
 * keeps the shared per-key features and per-service baselines, runs every detector at each evaluation
 * tick (every `evaluateEverySeconds` of event time, plus once at the end of input) and keeps the findings.
 * The same events give the same findings however they are split or (within lateness) reordered.
 */
import { type DetectConfig, DetectConfigSchema } from '../../config/detect-config.js';
import { validateWithDefaults } from '../../config/load-config.js';
import type { AllowEntry } from '../../decide/list-entry.js';
import { recommend as defaultRecommend } from '../../decide/recommend.js';
import type { EnrichedEvent, IpInfo } from '../../event/enriched-event.js';
import { findPlugin } from '../../plugin.js';
import type { AnyDetectorFactory, EvaluationContext } from '../detector.js';
import { createFeatureExtractor, F_SENSITIVE } from '../features/event-features.js';
import type { Finding } from '../finding.js';
import { DETECTORS } from '../registry.js';
import { createServiceMatcher, DEFAULT_SERVICE } from '../services.js';
import { FindingStore, type RecommendFn } from './finding-store.js';
import { KEY_KINDS, type KeyKind, type KeyStats } from './key-stats.js';
import { ReorderBuffer } from './reorder-buffer.js';
import { createServiceRuntime, type ServiceRuntime } from './service-runtime.js';
import { fnv1a } from './sketch.js';

export interface DetectionEngineOptions {
  /** Allowlist entries from the state store, in addition to those in the config. */
  readonly allow?: readonly AllowEntry[];
  /** Detector registry; defaults to every built-in detector. */
  readonly registry?: readonly AnyDetectorFactory[];
  readonly recommend?: RecommendFn;
  /** A 200 answer to a login POST counts as a failed attempt (default true). */
  readonly post200Fails?: boolean;
}

export interface DetectStats {
  observed: number;
  accepted: number;
  /** Dropped because older than the watermark minus lateness. */
  late: number;
  /** Excluded by the allowlist. */
  allowed: number;
  pending: number;
  evaluations: number;
  findings: number;
  suppressedCrawler: number;
  keys: Record<KeyKind, number>;
  evictedIdle: number;
  evictedCap: number;
}

export interface DetectionEngine {
  observe(e: EnrichedEvent): void;
  /**
   * Advances event time to `watermarkMs` (releasing events older than it minus lateness and running
   * the ticks it passes) and returns the findings created or updated since the previous call. Without
   * a watermark: end of input — releases everything and runs a final tick.
   */
  evaluate(watermarkMs?: number): Finding[];
  /** Every finding so far, worst first. */
  findings(): Finding[];
  stats(): DetectStats;
}

const SWEEP_EVERY = 3600;
const asnKeys = new Map<number, string>();

/** 'AS64496' for 64496, cached: no string is built per event. */
function asnKey(asn: number): string {
  let k = asnKeys.get(asn);
  if (k === undefined) {
    k = `AS${asn}`;
    if (asnKeys.size < 200_000) asnKeys.set(asn, k);
  }
  return k;
}

export function createDetectionEngine(config: DetectConfig, options: DetectionEngineOptions = {}): DetectionEngine {
  const cfg = validateWithDefaults(DetectConfigSchema, config, 'detect configuration') as DetectConfig;
  const registry = options.registry ?? DETECTORS;
  for (const id of Object.keys(cfg.detectors)) findPlugin(registry, id, 'detector');
  for (const s of cfg.services) for (const id of Object.keys(s.detectors)) findPlugin(registry, id, 'detector');
  const matcher = createServiceMatcher(cfg);
  const services = new Map<string, ServiceRuntime>();
  for (const s of matcher.services) services.set(s.name, createServiceRuntime(s, cfg, registry, options.allow ?? []));
  const fallback = services.get(DEFAULT_SERVICE)!;
  const extract = createFeatureExtractor({ post200Fails: options.post200Fails ?? true });
  const store = new FindingStore(options.recommend ?? defaultRecommend);
  const buffer = new ReorderBuffer(cfg.latenessSeconds);
  const every = cfg.evaluateEverySeconds;
  let nextTick = Number.NEGATIVE_INFINITY;
  let nextSweep = Number.NEGATIVE_INFINITY;
  const st = { observed: 0, accepted: 0, late: 0, allowed: 0, evaluations: 0 };

  /**
   * Per address (the enricher hands out one `IpInfo` per address): its hash and the stats it updated last
   * time, so that most events find their ip, subnet and ASN stats without three table lookups.
   */
  interface AddressSlot {
    readonly hash: number;
    service: string;
    svc: ServiceRuntime;
    ip: KeyStats | undefined;
    subnet: KeyStats | undefined;
    asn: KeyStats | undefined;
  }
  const slots = new WeakMap<IpInfo, AddressSlot>();

  function slotOf(e: EnrichedEvent): AddressSlot {
    let slot = slots.get(e.net);
    if (slot === undefined) {
      const svc = services.get(e.service) ?? fallback;
      slot = { hash: fnv1a(e.req.ip), service: e.service, svc, ip: undefined, subnet: undefined, asn: undefined };
      slots.set(e.net, slot);
    } else if (slot.service !== e.service) {
      slot.service = e.service;
      slot.svc = services.get(e.service) ?? fallback;
      slot.ip = undefined;
      slot.subnet = undefined;
      slot.asn = undefined;
    }
    return slot;
  }

  function apply(e: EnrichedEvent, sec: number): void {
    const slot = slotOf(e);
    const svc = slot.svc;
    const t = svc.tables;
    const ip = t.ip.upsertKnown(slot.ip, e.client, sec);
    slot.ip = ip;
    if (!svc.allow.empty) {
      if (ip.allowedUntil < 0) ip.allowedUntil = svc.allow.addressAllowedUntil(e);
      if (e.req.ts < ip.allowedUntil || svc.allow.eventAllowed(e)) {
        st.allowed++;
        return;
      }
    }
    st.accepted++;
    const f = extract(e);
    f.clientHash = slot.hash;
    // WordPress / admin paths are probes only where the service does not serve them itself.
    if (f.flags & F_SENSITIVE && svc.baseline.servesKinds(f.sensitive, f.prefix)) {
      f.flags &= ~F_SENSITIVE;
      f.sensitive = 0;
    }
    ip.observe(e, f, sec);
    t.ip.account(ip);
    const sub = t.subnet.upsertKnown(slot.subnet, e.subnet, sec);
    slot.subnet = sub;
    sub.observeGroup(e, f, sec);
    t.subnet.account(sub);
    const asn = e.net.asn;
    if (asn !== undefined) {
      // The slot's ASN stats are this address's: its IpInfo (and so its ASN) never changes.
      const known = slot.asn;
      const a =
        known !== undefined && !known.evicted
          ? t.asn.upsertKnown(known, known.key, sec)
          : t.asn.upsert(asnKey(asn), sec);
      slot.asn = a;
      a.observeGroup(e, f, sec);
      t.asn.account(a);
    }
    const key = e.req.apiKey;
    if (key !== undefined && key !== '') {
      const k = t.api_key.upsert(key, sec);
      k.observe(e, f, sec);
      t.api_key.account(k);
    }
    const user = e.req.user;
    if (user !== undefined && user !== '' && user !== '-') {
      const u = t.user.upsert(user, sec);
      u.observe(e, f, sec);
      t.user.account(u);
    }
    svc.baseline.observe(e, f, ip, sec);
    for (const d of svc.observers) d.observe!(e, f, ip);
  }

  function tick(sec: number, final = false): void {
    st.evaluations++;
    for (const svc of services.values()) {
      const ctx: EvaluationContext = {
        now: sec * 1000,
        final,
        touched: (k) => svc.tables[k].touched,
        table: (k) => svc.tables[k],
        baseline: svc.baseline,
      };
      for (const { id, detector } of svc.detectors) {
        for (const c of detector.evaluate(ctx)) store.upsert(id, svc.name, c);
      }
      for (const k of KEY_KINDS) svc.tables[k].resetTouched();
      if (sec >= nextSweep) for (const k of KEY_KINDS) svc.tables[k].sweepIdle(sec);
    }
    if (sec >= nextSweep) nextSweep = sec + SWEEP_EVERY;
  }

  function emit(sec: number, events: EnrichedEvent[]): void {
    if (sec >= nextTick) {
      const aligned = Math.floor(sec / every) * every;
      if (nextTick !== Number.NEGATIVE_INFINITY) tick(aligned);
      nextTick = aligned + every;
    }
    for (const e of events) apply(e, sec);
  }

  function advanceTo(beforeSec: number): void {
    buffer.release(beforeSec, emit);
    if (nextTick !== Number.NEGATIVE_INFINITY && beforeSec > nextTick) {
      const aligned = Math.floor((beforeSec - 1) / every) * every;
      if (aligned >= nextTick) {
        tick(aligned);
        nextTick = aligned + every;
      }
    }
  }

  return {
    observe(e) {
      st.observed++;
      if (!buffer.push(e)) {
        st.late++;
        return;
      }
      const cutoff = buffer.cutoff;
      if (cutoff > buffer.releasedBefore) buffer.release(cutoff, emit);
    },
    evaluate(watermarkMs) {
      if (watermarkMs === undefined) {
        if (buffer.maxSec !== Number.NEGATIVE_INFINITY) {
          const end = buffer.maxSec + 1;
          buffer.release(end, emit);
          tick(end, true);
        }
      } else advanceTo(Math.floor(watermarkMs / 1000) - cfg.latenessSeconds);
      return store.takeChanged();
    },
    findings() {
      return sortFindings(store.all());
    },
    stats() {
      const keys = Object.fromEntries(KEY_KINDS.map((k) => [k, 0])) as Record<KeyKind, number>;
      let evictedIdle = 0;
      let evictedCap = 0;
      for (const svc of services.values()) {
        for (const k of KEY_KINDS) {
          keys[k] += svc.tables[k].size;
          evictedIdle += svc.tables[k].evictedIdle;
          evictedCap += svc.tables[k].evictedCap;
        }
      }
      return {
        ...st,
        pending: buffer.pending,
        findings: store.all().length,
        suppressedCrawler: store.suppressedCrawler,
        keys,
        evictedIdle,
        evictedCap,
      };
    },
  };
}

/** Worst first: score, then requests, then id (stable for equal inputs). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => b.score - a.score || b.requests - a.requests || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** One-shot detection over a finite list of events (tests, small tools). */
export function detectFindings(
  events: Iterable<EnrichedEvent>,
  config: DetectConfig,
  options: DetectionEngineOptions = {},
): Finding[] {
  const engine = createDetectionEngine(config, options);
  for (const e of events) engine.observe(e);
  engine.evaluate();
  return engine.findings();
}
