/**
 * Where lines meet the parser: a LineSink that parses each line, hands events on, and counts every line
 * that is not an event by reason. A last line without newline that fails to parse is counted as
 * `truncated` (the writer was cut off mid-line), and a rejected line holding control bytes as `binary`,
 * whatever the parser said.
 */
import type { LineParser, RequestEvent } from '@rampart/core';
import { CONTROL_RE, type LineSink } from '../sources/lines/line-reader.js';
import type { ErrorCounter } from './error-counter.js';

export interface SourceCounts {
  events: number;
  skipped: number;
  errors: number;
}

export class ParsingSink implements LineSink {
  readonly counts: SourceCounts = { events: 0, skipped: 0, errors: 0 };

  constructor(
    private readonly parser: LineParser,
    private readonly source: string,
    private readonly errors: ErrorCounter,
    private readonly emit: (event: RequestEvent) => void,
  ) {}

  line(text: string, lineNo: number, final: boolean): void {
    const result = this.parser.parse(text, this.source, lineNo);
    if (result.kind === 'event') {
      this.counts.events++;
      this.emit(result.event);
    } else if (result.kind === 'skip') {
      this.counts.skipped++;
    } else {
      this.counts.errors++;
      const reason = CONTROL_RE.test(text) ? 'binary' : final ? 'truncated' : result.reason;
      this.errors.add(reason, this.source, lineNo, text, result.detail);
    }
  }

  bad(reason: Parameters<LineSink['bad']>[0], lineNo: number, sample: string): void {
    this.counts.errors++;
    this.errors.add(reason, this.source, lineNo, sample);
  }
}
