/**
 * The event store: every request, enriched, for the dashboard's traffic views, impact simulation and
 * rebuilding detection windows after a restart. A narrow interface so that DuckDB (embedded default) and
 * ClickHouse (scale-out) can both stand behind it; `event-store.contract.ts` is the suite every backend
 * must pass. Times are epoch milliseconds UTC; ranges are half-open [from, to).
 */
import type { EnrichedEvent, RequestEvent } from '@rampart/core';

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** Selected entities: an event matches when it matches ANY of them. */
export interface EntitySelection {
  readonly ips?: readonly string[];
  readonly cidrs?: readonly string[];
  readonly asns?: readonly number[];
  readonly countries?: readonly string[];
}

/** Dimension filters are ANDed; `entities` (if given) must also match; `exclude` negates the entities. */
export interface EventFilter {
  readonly service?: string;
  readonly host?: string;
  readonly path?: string;
  readonly pathTemplate?: string;
  readonly status?: number;
  readonly statusClass?: 1 | 2 | 3 | 4 | 5;
  readonly uaFamily?: string;
  readonly networkType?: string;
  readonly entities?: EntitySelection;
  readonly excludeEntities?: boolean;
}

export const DIMENSIONS = [
  'ip',
  'path',
  'path_template',
  'asn',
  'host',
  'service',
  'country',
  'status',
  'ua_family',
  'user_agent',
  'method',
  'network_type',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface SeriesPoint {
  /** Bucket start, epoch ms. */
  readonly t: number;
  readonly requests: number;
  /** Requests per status class '1xx' … '5xx' (only when split by status class). */
  readonly byClass?: Readonly<Record<string, number>>;
}

export interface BreakdownRow {
  readonly key: string;
  readonly requests: number;
  readonly bytes: number;
  readonly ips: number;
}

export interface Totals {
  readonly requests: number;
  readonly ips: number;
  readonly bytes: number;
  readonly first: number | undefined;
  readonly last: number | undefined;
}

/** A stored event read back: the request plus the enrichment kept with it. */
export interface StoredEvent extends RequestEvent {
  readonly service: string;
  readonly networkType: string;
  readonly org: string | undefined;
  readonly uaClass: string;
  readonly uaFamily: string | undefined;
  readonly crawler: string | undefined;
  readonly crawlerVerified: boolean | undefined;
}

export interface RetentionPolicy {
  /** Delete events older than now − maxAgeMs. */
  readonly maxAgeMs?: number;
  /** Keep at most this many events, deleting the oldest first (the size bound). */
  readonly maxEvents?: number;
}

export interface EventStore {
  /** Resolves only after the events are durably written (the ingest acknowledgement waits on this). */
  append(events: readonly EnrichedEvent[]): Promise<number>;
  /** Makes every appended event visible to queries (backends may load appends asynchronously). */
  flush(): Promise<void>;
  series(q: {
    range: TimeRange;
    filter?: EventFilter;
    stepMs: number;
    splitByStatusClass?: boolean;
  }): Promise<SeriesPoint[]>;
  breakdown(q: {
    range: TimeRange;
    filter?: EventFilter;
    dimension: Dimension;
    limit: number;
  }): Promise<BreakdownRow[]>;
  totals(q: { range: TimeRange; filter?: EventFilter }): Promise<Totals>;
  /**
   * Time of the newest stored event (undefined when there is none): what a default "last 24 h" range ends
   * at. Cheap, unlike `totals` over all time, which also counts distinct addresses.
   */
  lastEventTime(): Promise<number | undefined>;
  /** Events in time order, in batches; for simulation and rebuilding detection state. */
  scan(q: { range: TimeRange; filter?: EventFilter; batchSize?: number }): AsyncIterable<StoredEvent[]>;
  applyRetention(policy: RetentionPolicy, now: number): Promise<{ deleted: number }>;
  count(): Promise<number>;
  close(): Promise<void>;
}
