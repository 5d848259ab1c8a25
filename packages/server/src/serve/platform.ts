/**
 * Opens what `rampart serve` and `rampart replay` share in a data directory: the state store (SQLite),
 * the event store (DuckDB, journal-first), API tokens, the enricher, the detection engine with the
 * stored allowlist, the event-time clock, the ingest pipeline and the report cycle. `close()` stops the
 * cycle and flushes and closes the stores in the right order.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CrawlerVerifier,
  createDetectionEngine,
  createServiceMatcher,
  escalationFromConfig,
  type RampartConfig,
  templatePath,
} from '@rampart/core';
import type { CliIo } from '../cli/command.js';
import { createCliEnricher } from '../data/enrich-setup.js';
import { createAlertDispatcher } from '../notify/dispatcher.js';
import type { StateStore, StateStoreOptions } from '../store/contract/state-store.js';
import { DuckDbEventStore } from '../store/duckdb/duckdb-event-store.js';
import { openSqliteStateStore } from '../store/sqlite/sqlite-state-store.js';
import { SqliteTokenStore } from '../store/sqlite/sqlite-tokens.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { DetectionCycle } from './detection-cycle.js';
import { EventClock } from './event-clock.js';
import { IngestPipeline } from './ingest-pipeline.js';

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
    ...(config.server.eventsMemoryLimit ? { memoryLimit: config.server.eventsMemoryLimit } : {}),
  });
  const metrics = new MetricsRegistry();
  const { enricher } = createCliEnricher({ ...(o.configPath ? { config: o.configPath } : {}), data: dataDir }, o.io, {
    serviceOf: createServiceMatcher(config.detect).serviceOf,
    // Published ranges and ASNs only: reverse DNS would make detection depend on the network.
    crawlerVerifier: new CrawlerVerifier({ dataDir, rdns: false }),
  });
  const engine = createDetectionEngine(config.detect, { allow: await state.allow.list({ now: o.now() }) });
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
  const cycle = new DetectionCycle({
    ...(alerts ? { alerts } : {}),
    engine,
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
  return {
    config,
    dataDir,
    state,
    stateOptions,
    events,
    tokens,
    pipeline,
    cycle,
    enricher,
    metrics,
    async close() {
      pipeline.open = false;
      await cycle.stop();
      await alerts?.close();
      await events.close();
      tokens.close();
      await state.close();
    },
  };
}
