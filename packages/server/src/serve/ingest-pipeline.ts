/**
 * The server's ingest path, shared by HTTP, syslog, tailing and `rampart replay`: enrich → append to the
 * event store (durable before the promise resolves: that is the acknowledgement) → detection `observe`,
 * in event time. Backpressure: at most `maxInFlightEvents` accepted-but-not-durable events; beyond that
 * `accept` rejects with OVERLOADED (the API answers 503 + Retry-After) instead of buffering without bound.
 */
import {
  type DetectionEngine,
  type EnrichedEvent,
  type Enricher,
  RampartError,
  type RequestEvent,
} from '@rampart/core';
import type { EventStore } from '../store/contract/event-store.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { EventClock } from './event-clock.js';

export interface IngestPipelineDeps {
  readonly events: EventStore;
  readonly enricher: Enricher;
  readonly engine: DetectionEngine;
  readonly clock: EventClock;
  readonly metrics: MetricsRegistry;
  readonly maxInFlightEvents: number;
  readonly now: () => number;
}

export class IngestPipeline {
  private inFlight = 0;
  /** While false (detection windows being rebuilt), ingest is refused with OVERLOADED. */
  open = false;
  private readonly stored;
  private readonly refused;

  constructor(private readonly deps: IngestPipelineDeps) {
    this.stored = deps.metrics.counter('rampart_events_stored_total', 'Events durably stored, by source kind');
    this.refused = deps.metrics.counter('rampart_ingest_overloaded_total', 'Batches refused under backpressure');
    deps.metrics
      .gauge('rampart_ingest_in_flight_events', 'Accepted events not yet durable')
      .collect(() => this.inFlight);
  }

  get pending(): number {
    return this.inFlight;
  }

  /** True when a batch of `n` would be accepted now. */
  hasRoom(n: number): boolean {
    return this.open && (this.inFlight === 0 || this.inFlight + n <= this.deps.maxInFlightEvents);
  }

  /**
   * Resolves once the events are durable (and handed to detection). Rejects with OVERLOADED when full.
   * `bounded: false` is for replays that pace themselves (they read the next chunk only after yielding).
   */
  async accept(events: readonly RequestEvent[], kind = 'http', bounded = true): Promise<void> {
    if (events.length === 0) return;
    if (bounded && !this.open) {
      this.refused.inc({ why: 'starting' });
      throw new RampartError(
        'OVERLOADED',
        'the server is starting (detection windows are being rebuilt); retry shortly',
      );
    }
    if (bounded && !this.hasRoom(events.length)) {
      this.refused.inc({ why: 'full' });
      throw new RampartError('OVERLOADED', `ingest is saturated (${this.inFlight} events in flight); retry shortly`);
    }
    this.inFlight += events.length;
    try {
      const enriched: EnrichedEvent[] = new Array(events.length);
      for (let i = 0; i < events.length; i++) enriched[i] = this.deps.enricher.enrich(events[i]!);
      await this.deps.events.append(enriched);
      this.stored.inc({ source: kind }, events.length);
      this.observe(enriched);
    } finally {
      this.inFlight -= events.length;
    }
  }

  /** Detection only (events already stored): used when rebuilding windows after a restart. */
  observe(enriched: readonly EnrichedEvent[]): void {
    let maxTs = Number.NEGATIVE_INFINITY;
    for (const e of enriched) {
      this.deps.engine.observe(e);
      if (e.req.ts > maxTs) maxTs = e.req.ts;
    }
    this.deps.clock.advance(maxTs, this.deps.now());
  }
}
