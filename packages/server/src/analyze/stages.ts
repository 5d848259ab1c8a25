/**
 * The report sections `analyze` builds, in order. Adding a section (findings, enrichment figures): one
 * stage here, whose consumer sees every event and whose `finish()` result lands under its key in the
 * JSON report, with an optional text renderer for the terminal.
 */
import type { AnalysisStage } from './consumer.js';
import { createFindingsConsumer, renderFindingsText } from './findings-stage.js';
import { renderSummaryText } from './render-summary.js';
import { type TrafficSummary, TrafficSummaryConsumer } from './summary/traffic-summary.js';

export interface RenderableStage extends AnalysisStage {
  /** Text for the terminal report; omitted stages appear only in `--json`. */
  renderText?(result: unknown, context: { topN: number }): string;
}

export const summaryStage: RenderableStage = {
  key: 'summary',
  create: (context) => new TrafficSummaryConsumer(context.topN),
  renderText: (result) => renderSummaryText(result as TrafficSummary),
};

/** Enrichment + detection: the `findings` array of the `--json` contract, a table after the summary. */
export const findingsStage: RenderableStage = {
  key: 'findings',
  create: (context) => createFindingsConsumer({ config: context.config, dataDir: context.dataDir }),
  renderText: (result, context) => renderFindingsText(result as Parameters<typeof renderFindingsText>[0], context.topN),
};

export const ANALYSIS_STAGES: readonly RenderableStage[] = [summaryStage, findingsStage];
