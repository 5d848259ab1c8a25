/**
 * Counts bad lines by reason and keeps the first few samples of each (source, line number, a short
 * printable excerpt) so a summary can show what went wrong without storing the bad lines.
 */
import type { ParseErrorReason } from '@rampart/core';
import { printableSample } from '../sources/lines/printable-sample.js';

export const SAMPLES_PER_REASON = 3;

export interface ErrorSample {
  readonly source: string;
  readonly line: number;
  readonly text: string;
  /** The parser's explanation, when it gave one. */
  readonly detail?: string;
}

export interface ErrorReport {
  readonly total: number;
  /** Reasons in descending order of count. */
  readonly byReason: ReadonlyArray<{ reason: ParseErrorReason; count: number; samples: readonly ErrorSample[] }>;
}

export class ErrorCounter {
  private readonly counts = new Map<ParseErrorReason, { count: number; samples: ErrorSample[] }>();
  total = 0;

  /** `text` may be a whole line; only samples are kept, as short printable copies. */
  add(reason: ParseErrorReason, source: string, line: number, text: string, detail?: string): void {
    this.total++;
    let entry = this.counts.get(reason);
    if (!entry) {
      entry = { count: 0, samples: [] };
      this.counts.set(reason, entry);
    }
    entry.count++;
    if (entry.samples.length < SAMPLES_PER_REASON) {
      const sample: ErrorSample = { source, line, text: printableSample(text) };
      entry.samples.push(detail ? { ...sample, detail: printableSample(detail) } : sample);
    }
  }

  report(): ErrorReport {
    const byReason = [...this.counts.entries()]
      .map(([reason, e]) => ({ reason, count: e.count, samples: e.samples }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    return { total: this.total, byReason };
  }
}
