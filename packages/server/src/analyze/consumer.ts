/**
 * The analysis run's extension point. Every parsed event goes, in order, to each consumer; when the input
 * ends each consumer's `finish()` result becomes one key of the report (`summary`, later `findings`).
 * Enrichment or detection plug in as further consumers (a consumer may wrap others, e.g. enrich then
 * forward `EnrichedEvent`s to detectors) without changing the run.
 */
import type { RampartConfig, RequestEvent } from '@rampart/core';

export interface EventConsumer<R = unknown> {
  /** Called once per event, in event-time order across files (file order within a file). MUST NOT throw. */
  observe(event: RequestEvent): void;
  /** Called once at the end of input; the result is placed in the report under the stage's key. */
  finish(): R;
}

/** What a consumer can know about the run when it is created. */
export interface StageContext {
  readonly topN: number;
  /** The loaded config file, when one was given (`--config`). */
  readonly config?: RampartConfig | undefined;
  /** Data dir of `rampart update-data`, when known. */
  readonly dataDir?: string | undefined;
}

/** A named report section and how to build its consumer. */
export interface AnalysisStage {
  /** Report key, e.g. 'summary' or 'findings'. */
  readonly key: string;
  create(context: StageContext): EventConsumer;
}
