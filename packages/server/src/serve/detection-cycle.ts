/**
 * The report cycle of `rampart serve`: every `server.reportCycleSeconds` it re-reads the stored allowlist
 * (so entries added or removed while the server runs apply from this cycle on), advances detection to
 * the event-time watermark, applies automatic bans for the findings that changed (`decide.autoBan`),
 * creates one report per service holding that service's findings not reported before, checks the
 * per-minute traffic counts for spikes, and sweeps expired bans and allow entries (so the CrowdSec
 * stream and the exports read a current list). Cycles never overlap; a failing cycle is counted and the
 * next one runs. Alerts (reports, automatic bans, spikes, disabled detectors) are emitted, never awaited.
 */
import { buildReport, type DecideConfig, type DetectionEngine, type Finding, sortFindings } from '@rampart/core';
import type { AlertDispatcher } from '../notify/dispatcher.js';
import type { TrafficWatch } from '../notify/traffic-watch.js';
import { applyAutoBans } from '../store/auto-ban.js';
import type { BanRecord, StateStore, StateStoreOptions } from '../store/contract/state-store.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { DisabledDetector } from './detector-guard.js';
import type { EventClock } from './event-clock.js';
import type { LiveAllowlist } from './live-allowlist.js';

export interface DetectionCycleDeps {
  readonly engine: DetectionEngine;
  readonly clock: EventClock;
  readonly state: StateStore;
  readonly stateOptions: StateStoreOptions;
  readonly decide: DecideConfig;
  readonly metrics: MetricsRegistry;
  readonly reporter: string;
  readonly now: () => number;
  readonly onError: (err: unknown) => void;
  /** Alert sink (Slack, e-mail, webhooks): told about each report and automatic ban; never blocks. */
  readonly alerts?: Pick<AlertDispatcher, 'emit'>;
  /** The stored allowlist as detection applies it; refreshed at the start of every cycle. */
  readonly allowlist?: LiveAllowlist;
  /** Per-minute traffic counts fed by ingest; judged for spikes after every cycle's evaluation. */
  readonly traffic?: TrafficWatch;
}

export interface CycleResult {
  readonly changed: number;
  readonly bans: number;
  readonly reports: number;
}

/** Finding ids already put into a report, so a finding updated on later ticks is not reported again. */
const MAX_REPORTED_IDS = 200_000;

export class DetectionCycle {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CycleResult> | undefined;
  private readonly reported = new Set<string>();
  private stopped = false;
  private readonly counters;

  constructor(private readonly deps: DetectionCycleDeps) {
    const m = deps.metrics;
    this.counters = {
      cycles: m.counter('rampart_detection_cycles_total', 'Report cycles run, by outcome'),
      findings: m.counter('rampart_findings_changed_total', 'Findings created or updated, by category'),
      bans: m.counter('rampart_auto_bans_total', 'Bans applied automatically'),
      reports: m.counter('rampart_reports_created_total', 'Reports created by the report cycle'),
      spikes: m.counter('rampart_traffic_spikes_total', 'Traffic spikes that started, by service and metric'),
      disabled: m.counter('rampart_detectors_disabled_total', 'Detectors disabled after an error, by detector'),
      allowReloads: m.counter('rampart_allowlist_reloads_total', 'Allowlist changes picked up by detection'),
    };
    m.gauge('rampart_findings_current', 'Findings held by the detection engine').collect(
      () => deps.engine.stats().findings,
    );
  }

  /** Remembers the findings of existing reports (after a restart the rebuilt windows find them again). */
  async seedReported(): Promise<void> {
    for (const r of await this.deps.state.reports.list({})) for (const f of r.findings) this.remember(f.id);
  }

  start(everyMs: number): void {
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.runOnce()
          .catch((err) => this.deps.onError(err))
          .finally(loop);
      }, everyMs);
    };
    loop();
  }

  /** Runs one cycle now (waits for a running one first); `final` = end of input (a replay's last cycle). */
  runOnce(final = false): Promise<CycleResult> {
    const next = (this.running ?? Promise.resolve()).catch(() => undefined).then(() => this.cycle(final));
    this.running = next;
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Current findings, worst first. */
  findings(): Finding[] {
    return this.deps.engine.findings();
  }

  private async cycle(final: boolean): Promise<CycleResult> {
    const now = this.deps.now();
    try {
      const { allowlist } = this.deps;
      if (allowlist && (await allowlist.refresh(this.deps.state, now))) this.counters.allowReloads.inc();
      const watermark = this.deps.clock.watermark(now);
      const evaluated = final
        ? this.deps.engine.evaluate()
        : watermark === undefined
          ? []
          : this.deps.engine.evaluate(watermark);
      // Findings about clients allowlisted after detection saw them: no ban, no report.
      const changed = allowlist ? evaluated.filter((f) => !allowlist.allowsFinding(f)) : evaluated;
      for (const f of changed) this.counters.findings.inc({ category: f.category });
      await this.deps.state.sweepExpired(now);
      let bans = 0;
      if (changed.length > 0 && this.deps.decide.autoBan.length > 0) {
        const r = await applyAutoBans(this.deps.state, this.deps.stateOptions, changed, this.deps.decide.autoBan, {
          actor: 'auto-ban',
          now,
        });
        bans = r.added.length;
        this.counters.bans.inc({}, bans);
        this.emitAutomaticBans(
          changed,
          r.added.map((a) => a.entry),
        );
      }
      const reports = await this.createReports(changed, now);
      if (watermark !== undefined) this.checkTraffic(watermark, now);
      this.counters.cycles.inc({ outcome: 'ok' });
      return { changed: changed.length, bans, reports };
    } catch (err) {
      this.counters.cycles.inc({ outcome: 'error' });
      throw err;
    }
  }

  private async createReports(changed: readonly Finding[], now: number): Promise<number> {
    const fresh = sortFindings(changed.filter((f) => !this.reported.has(f.id)));
    if (fresh.length === 0) return 0;
    const services = [...new Set(fresh.map((f) => f.service))];
    for (const service of services) {
      const own = fresh.filter((f) => f.service === service);
      const from = own.map((f) => f.first_seen).sort()[0]!;
      const to = own
        .map((f) => f.last_seen)
        .sort()
        .at(-1)!;
      const input = buildReport(own, { service, from, to, now, reporter: this.deps.reporter });
      const report = await this.deps.state.reports.create(input, { actor: 'detector', now });
      this.deps.alerts?.emit({ type: 'report.created', report });
      for (const f of own) this.remember(f.id);
    }
    this.counters.reports.inc({}, services.length);
    return services.length;
  }

  private emitAutomaticBans(findings: readonly Finding[], added: readonly BanRecord[]): void {
    if (!this.deps.alerts || added.length === 0) return;
    for (const finding of findings) {
      const bans = added
        .filter((b) => b.findingId === finding.id && b.mode !== 'monitor')
        .map((b) => ({
          id: b.id,
          value: b.value,
          mode: b.mode as 'ban' | 'throttle',
          expiresAt: b.expiresAt,
          reason: b.reason,
        }));
      if (bans.length > 0) this.deps.alerts.emit({ type: 'ban.automatic', service: finding.service, finding, bans });
    }
  }

  /** Told by the detector guard (see detector-guard.ts) when a detector instance was disabled by an error. */
  detectorDisabled(d: DisabledDetector): void {
    this.counters.disabled.inc({ detector: d.detector });
    this.deps.onError(
      new Error(`detector ${d.detector} disabled on service ${d.service} after an error in ${d.phase}: ${d.error}`),
    );
    this.deps.alerts?.emit({
      type: 'detector.disabled',
      detector: d.detector,
      service: d.service,
      error: `${d.phase}: ${d.error}`,
      at: this.deps.now(),
    });
  }

  private checkTraffic(watermark: number, now: number): void {
    if (!this.deps.traffic) return;
    for (const spike of this.deps.traffic.check(watermark, now)) {
      this.counters.spikes.inc({ service: spike.service, metric: spike.metric });
      this.deps.alerts?.emit(spike);
    }
  }

  private remember(id: string): void {
    if (this.reported.size >= MAX_REPORTED_IDS) this.reported.delete(this.reported.values().next().value as string);
    this.reported.add(id);
  }
}
