/**
 * `analyze --follow`: the analysis run over one file followed live (see FileTailer) until the signal
 * aborts (Ctrl-C in the CLI). Lines are held back until the format is known (chosen from the first
 * lines that arrive); no checkpoint is written while lines are held, so a stop never skips them.
 */
import type { ParseErrorReason } from '@rampart/core';
import type { LineSink } from '../sources/lines/line-reader.js';
import { defaultCheckpointPath } from '../sources/tail/checkpoint.js';
import { FileTailer } from '../sources/tail/file-tailer.js';
import type { EventConsumer } from './consumer.js';
import { ErrorCounter } from './error-counter.js';
import { ParsingSink } from './parsing-sink.js';
import type { AnalysisResult, ChosenFormat } from './run-analysis.js';
import { SAMPLE_LINES } from './sample-lines.js';

export interface FollowInput {
  /** Absolute path. */
  readonly path: string;
  /** As the user wrote it, for reports. */
  readonly name: string;
  readonly checkpointPath: string | undefined;
  readonly dataDir: string;
  readonly maxLineBytes: number;
  readonly chooseFormat: (sample: readonly string[]) => ChosenFormat;
  readonly consumers: readonly EventConsumer[];
  readonly onFormat?: (format: ChosenFormat) => void;
  readonly stderr: NodeJS.WritableStream;
  /** Stops following; by default SIGINT or SIGTERM. */
  readonly signal?: AbortSignal;
  readonly pollMs?: number;
  readonly checkpointEveryMs?: number;
}

export async function followAnalysis(input: FollowInput): Promise<AnalysisResult> {
  const errors = new ErrorCounter();
  const gate = new GateSink();
  let format: ChosenFormat | undefined;
  let parsing: ParsingSink | undefined;
  const emit = (e: Parameters<EventConsumer['observe']>[0]) => {
    for (const c of input.consumers) c.observe(e);
  };
  const checkpointFile = input.checkpointPath ?? defaultCheckpointPath(input.dataDir, input.path);
  const { signal, release } = stopSignal(input.signal);
  input.stderr.write(`following ${input.name} (checkpoint ${checkpointFile}); Ctrl-C prints the summary\n`);
  const tailer = new FileTailer(gate, {
    path: input.path,
    maxLineBytes: input.maxLineBytes,
    signal,
    checkpointFile,
    ...(input.pollMs !== undefined ? { pollMs: input.pollMs } : {}),
    ...(input.checkpointEveryMs !== undefined ? { checkpointEveryMs: input.checkpointEveryMs } : {}),
    afterRound: () => {
      if (!format && gate.held.length > 0) {
        format = input.chooseFormat(gate.held.slice(0, SAMPLE_LINES).map((l) => l.text));
        input.onFormat?.(format);
        parsing = new ParsingSink(format.parser, input.name, errors, emit);
        gate.open(parsing);
      }
      return format !== undefined || gate.held.length + gate.heldBad.length === 0;
    },
  });
  try {
    await tailer.run();
  } finally {
    release();
  }
  const counts = parsing?.counts ?? { events: 0, skipped: 0, errors: gate.heldBad.length };
  if (!parsing) for (const b of gate.heldBad) errors.add(b.reason, input.name, b.lineNo, b.sample);
  const lines = counts.events + counts.skipped + counts.errors;
  return {
    format: format
      ? {
          id: format.id,
          autoDetected: format.autoDetected,
          ...(format.confidence !== undefined ? { confidence: format.confidence } : {}),
        }
      : { id: 'unknown', autoDetected: true },
    sources: [{ name: input.name, compressed: false, bytes: tailer.stats.bytes, lines, ...counts }],
    errors: errors.report(),
    events: counts.events,
    lines,
  };
}

/** Holds lines until a parser is chosen, then passes them (and everything after) through. */
class GateSink implements LineSink {
  held: Array<{ text: string; lineNo: number; final: boolean }> = [];
  heldBad: Array<{ reason: ParseErrorReason; lineNo: number; sample: string }> = [];
  private target: LineSink | undefined;

  line(text: string, lineNo: number, final: boolean): void {
    if (this.target) this.target.line(text, lineNo, final);
    else this.held.push({ text, lineNo, final });
  }

  bad(reason: ParseErrorReason, lineNo: number, sample: string): void {
    if (this.target) this.target.bad(reason, lineNo, sample);
    else this.heldBad.push({ reason, lineNo, sample });
  }

  open(target: LineSink): void {
    this.target = target;
    for (const b of this.heldBad) target.bad(b.reason, b.lineNo, b.sample);
    for (const l of this.held) target.line(l.text, l.lineNo, l.final);
    this.held = [];
    this.heldBad = [];
  }
}

function stopSignal(given: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  if (given) return { signal: given, release: () => {} };
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
