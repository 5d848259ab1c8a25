/**
 * After a restart, detection windows are rebuilt by replaying the stored events of the longest window
 * (default 24 h before the newest stored event) through enrichment into the detection engine, so a
 * client half-way to a threshold before the restart is not forgotten. Ingest stays closed meanwhile.
 */
import type { EnrichedEvent, Enricher } from '@rampart/core';
import type { EventStore } from '../store/contract/event-store.js';
import type { IngestPipeline } from './ingest-pipeline.js';

export async function rebuildWindows(
  events: EventStore,
  enricher: Enricher,
  pipeline: IngestPipeline,
  hours: number,
): Promise<number> {
  if (hours <= 0) return 0;
  const totals = await events.totals({ range: { from: 0, to: Number.MAX_SAFE_INTEGER } });
  if (totals.last === undefined) return 0;
  const range = { from: totals.last - hours * 3_600_000, to: totals.last + 1 };
  let n = 0;
  for await (const batch of events.scan({ range, batchSize: 5000 })) {
    const enriched: EnrichedEvent[] = batch.map((e) => enricher.enrich(e));
    pipeline.observe(enriched);
    n += enriched.length;
  }
  return n;
}
