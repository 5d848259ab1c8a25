/**
 * The `analyze` report: the `--json` object (a stable contract: `{ format, sources, summary, errors,
 * findings, … }`, one key per stage) and its text rendering for people.
 */
import type { AnalysisResult } from './run-analysis.js';
import type { RenderableStage } from './stages.js';
import { formatBytes, formatInt, formatShare, renderTable } from './text-table.js';

export interface AnalysisReport {
  readonly format: AnalysisResult['format'];
  readonly sources: AnalysisResult['sources'];
  readonly lines: number;
  readonly errors: AnalysisResult['errors'] & { readonly share: number };
  readonly findings: readonly unknown[];
  readonly [stageKey: string]: unknown;
}

/** Share of bad lines among lines that were meant to be requests (skipped headers and blanks excluded). */
export function errorShare(result: AnalysisResult): number {
  const considered = result.events + result.errors.total;
  return considered === 0 ? 0 : result.errors.total / considered;
}

export function buildReport(result: AnalysisResult, sections: Readonly<Record<string, unknown>>): AnalysisReport {
  return {
    format: result.format,
    sources: result.sources,
    lines: result.lines,
    findings: [],
    ...sections,
    errors: { ...result.errors, share: Math.round(errorShare(result) * 10000) / 10000 },
  };
}

export function renderReportText(
  report: AnalysisReport,
  result: AnalysisResult,
  stages: readonly RenderableStage[],
  topN: number,
): string {
  const out: string[] = ['Sources'];
  out.push(
    renderTable(
      [
        { header: 'source', max: 60 },
        { header: 'size', align: 'right' },
        { header: 'lines', align: 'right' },
        { header: 'requests', align: 'right' },
        { header: 'bad', align: 'right' },
        { header: 'note' },
      ],
      result.sources.map((s) => [
        s.name,
        formatBytes(s.bytes),
        formatInt(s.lines),
        formatInt(s.events),
        formatInt(s.errors),
        s.failure ?? (s.compressed ? 'gzip' : ''),
      ]),
    ),
  );
  for (const stage of stages) {
    if (!stage.renderText) continue;
    out.push('', stage.renderText(report[stage.key], { topN }));
  }
  out.push('', renderErrors(result));
  return `${out.join('\n')}\n`;
}

function renderErrors(result: AnalysisResult): string {
  const { errors } = result;
  const considered = result.events + errors.total;
  if (errors.total === 0) return `Parse errors: none (${formatInt(result.lines)} lines read)`;
  const out = [
    `Parse errors: ${formatInt(errors.total)} of ${formatInt(considered)} lines (${formatShare(errors.total, considered)})`,
  ];
  out.push(
    renderTable(
      [{ header: 'reason' }, { header: 'lines', align: 'right' }, { header: 'first sample', max: 100 }],
      errors.byReason.map((r) => {
        const s = r.samples[0];
        return [r.reason, formatInt(r.count), s ? `${s.source}:${s.line}  ${s.text}` : ''];
      }),
    ),
  );
  return out.join('\n');
}
