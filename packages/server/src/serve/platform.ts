/**
 * Opens what `rampart serve` and `rampart replay` share in a data directory: the state store (SQLite),
 * the event store (DuckDB, journal-first), API tokens, the enricher, the detection engine (each detector
 * guarded: one that throws is disabled for its service and reported), the live stored allowlist and the
 * per-minute traffic counts in front of it, the event-time clock, the ingest pipeline, the report cycle,
 * the alert dispatcher and the abuse-report mailer. `close()` stops the cycle and flushes and closes the
 * stores in the right order.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type AnyDetectorFactory,
  CrawlerVerifier,
  createDetectionEngine,
  createServiceMatcher,
  DETECTORS,
  type DetectionEngine,
  escalationFromConfig,
  type RampartConfig,
  RdapClient,
  type Report,
  templatePath,
} from '@rampart/core';
import type { CliIo } from '../cli/command.js';
import { createCliEnricher } from '../data/enrich-setup.js';
import { type AlertDispatcher, createAlertDispatcher } from '../notify/dispatcher.js';
import { type AbuseMailer, createAbuseMailer } from '../notify/email/abuse-mailer.js';
import { TrafficWatch } from '../notify/traffic-watch.js';
import type { StateStore, StateStoreOptions } from '../store/contract/state-store.js';
import { DuckDbEventStore } from '../store/duckdb/duckdb-event-store.js';
import { openSqliteStateStore } from '../store/sqlite/sqlite-state-store.js';
import { SqliteTokenStore } from '../store/sqlite/sqlite-tokens.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { DetectionCycle } from './detection-cycle.js';
import { guardDetectors } from './detector-guard.js';
import { EventClock } from './event-clock.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { LiveAllowlist } from './live-allowlist.js';

export interface PlatformOptions {
  readonly config: RampartConfig;
  /** The config file, when there is one (the enricher setup reads MMDB paths relative to `io.cwd`). */
  readonly configPath?: string | undefined;
  readonly dataDir: string;
  readonly io: CliIo;
  readonly now: () => number;
  readonly onError: (err: unknown) => void;
  /** How soon journalled events are loaded into DuckDB; a replay loads in larger, rarer steps. */
  readonly loadIntervalMs?: number;
  /** DuckDB threads of the event store (default one per core; a replay uses 1, see DuckDbEventStoreOptions). */
  readonly eventThreads?: number;
  /** Detector registry (default: every built-in detector); tests add one that fails. */
  readonly detectors?: readonly AnyDetectorFactory[];
  /** RDAP bootstrap base URL for abuse contacts of approved drafts (default IANA's); false = no lookups. */
  readonly rdap?: { readonly bootstrapBaseUrl?: string } | false;
}

export interface Platform {
  readonly config: RampartConfig;
  readonly dataDir: string;
  readonly state: StateStore;
  readonly stateOptions: StateStoreOptions;
  readonly events: DuckDbEventStore;
  readonly tokens: SqliteTokenStore;
  readonly pipeline: IngestPipeline;
  readonly cycle: DetectionCycle;
  readonly enricher: ReturnType<typeof createCliEnricher>['enricher'];
  readonly metrics: MetricsRegistry;
  /** Event time of the ingest pipeline (the team asks whether Rampart's own log-ins are live time). */
  readonly clock: EventClock;
  /** Alert dispatcher; undefined when `alerts.channels` is empty. Its `deliveryLog()` feeds the API. */
  readonly alerts: AlertDispatcher | undefined;
  /** Per-minute request/error counts per service (traffic spikes). */
  readonly traffic: TrafficWatch;
  /** The stored allowlist as detection applies it (refreshed every report cycle). */
  readonly allowlist: LiveAllowlist;
  readonly abuseMailer: AbuseMailer;
  /**
   * Call after a report approval (`approveReport(...).report`): sends the abuse-report drafts it approved
   * through the first e-mail channel, in the background. Returns at once; never throws.
   */
  onReportApproved(report: Report, actor: string): void;
  close(): Promise<void>;
}

export async function openPlatform(o: PlatformOptions): Promise<Platform> {
  const { config } = o;
  const dataDir = resolve(o.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const stateOptions: StateStoreOptions = { escalation: escalationFromConfig(config.decide) };
  const statePath = join(dataDir, config.server.stateFile);
  const state = openSqliteStateStore(statePath, stateOptions);
  await state.sweepExpired(o.now());
  const tokens = new SqliteTokenStore(statePath, state);
  const events = await DuckDbEventStore.open({
    path: join(dataDir, config.server.eventsFile),
    // The dashboard's path table groups by template ('/users/:id'), the same templating detection uses.
    templatePath: (path) => templatePath(path).template,
    onError: o.onError,
    loadIntervalMs: o.loadIntervalMs ?? 1000,
    ...(o.eventThreads ? { threads: o.eventThreads } : {}),
    ...(config.server.eventsMemoryLimit ? { memoryLimit: config.server.eventsMemoryLimit } : {}),
  });
  const metrics = new MetricsRegistry();
  const { enricher } = createCliEnricher({ ...(o.configPath ? { config: o.configPath } : {}), data: dataDir }, o.io, {
    serviceOf: createServiceMatcher(config.detect).serviceOf,
    // Published ranges and ASNs only: reverse DNS would make detection depend on the network.
    crawlerVerifier: new CrawlerVerifier({ dataDir, rdns: false }),
  });
  let cycle: DetectionCycle | undefined;
  // Stored allow entries are applied in front of the engine (LiveAllowlist), not given to it: the engine
  // compiles its allowlist once, and entries added while the server runs MUST apply without a restart.
  const detect = createDetectionEngine(config.detect, {
    registry: guardDetectors(o.detectors ?? DETECTORS, (d) => cycle?.detectorDisabled(d)),
  });
  const allowlist = new LiveAllowlist();
  allowlist.replace(await state.allow.list({ now: o.now() }));
  const traffic = new TrafficWatch({ settleMs: config.detect.latenessSeconds * 1000, spike: config.alerts.spike });
  const engine = watchedEngine(detect, allowlist, traffic, metrics);
  const clock = new EventClock();
  const pipeline = new IngestPipeline({
    events,
    enricher,
    engine,
    clock,
    metrics,
    maxInFlightEvents: config.server.maxInFlightEvents,
    now: o.now,
  });
  // Alerts: built at start-up so a bad `alerts` section stops the server before it listens.
  const alerts =
    config.alerts.channels.length > 0
      ? createAlertDispatcher(config.alerts, {
          stateStore: state,
          clock: Date.now,
          log: (line) => o.onError(new Error(line)),
        })
      : undefined;
  const emailChannel = config.alerts.channels.find((c) => c.type === 'email' && c.smtp !== undefined);
  const rdap =
    o.rdap === false
      ? undefined
      : new RdapClient({
          cachePath: join(dataDir, 'rdap-cache.json'),
          ...(o.rdap?.bootstrapBaseUrl ? { bootstrapBaseUrl: o.rdap.bootstrapBaseUrl } : {}),
        });
  const abuseMailer = createAbuseMailer({
    channel: emailChannel?.smtp ? { id: emailChannel.id, smtp: emailChannel.smtp } : undefined,
    state,
    ...(rdap ? { lookupContact: async (ip: string) => (await rdap.lookupAbuseContact(ip)).email } : {}),
    ...(alerts ? { record: (entry) => alerts.recordDelivery(entry) } : {}),
    log: (line) => o.onError(new Error(line)),
    clock: Date.now,
  });
  cycle = new DetectionCycle({
    ...(alerts ? { alerts } : {}),
    allowlist,
    traffic,
    engine: detect,
    clock,
    state,
    stateOptions,
    decide: config.decide,
    metrics,
    reporter: config.server.reporter,
    now: o.now,
    onError: o.onError,
  });
  await cycle.seedReported();
  const running = cycle;
  return {
    config,
    dataDir,
    state,
    stateOptions,
    events,
    tokens,
    pipeline,
    cycle: running,
    enricher,
    metrics,
    clock,
    alerts,
    traffic,
    allowlist,
    abuseMailer,
    onReportApproved: (report, actor) => abuseMailer.approved(report, actor),
    async close() {
      pipeline.open = false;
      await running.stop();
      await abuseMailer.idle();
      await rdap?.flush();
      await alerts?.close();
      await events.close();
      tokens.close();
      await state.close();
    },
  };
}

/**
 * The engine as ingest sees it: every request is counted for traffic spikes (allowed or not), and
 * requests an active stored allow entry covers never reach detection.
 */
function watchedEngine(
  engine: DetectionEngine,
  allowlist: LiveAllowlist,
  traffic: TrafficWatch,
  metrics: MetricsRegistry,
): DetectionEngine {
  let allowed = 0;
  metrics
    .gauge('rampart_detect_allowlisted_events', 'Requests kept out of detection by the stored allowlist')
    .collect(() => allowed);
  return {
    ...engine,
    observe(e) {
      traffic.count(e.service, e.req.ts, e.req.status);
      if (allowlist.allows(e)) {
        allowed++;
        return;
      }
      engine.observe(e);
    },
  };
}
