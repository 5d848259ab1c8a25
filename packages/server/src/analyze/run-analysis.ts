/**
 * One analysis run: sources → lines → parser → consumers. Recognises the format from the first lines
 * when asked, reads one source straight through or several merged in event-time order, counts every bad
 * line by reason, and reports per-source figures. A source that fails midway (a truncated gzip file)
 * is counted and the run goes on with the others. Never throws for bad input; only for a format that
 * cannot be recognised (a usage problem, reported before anything is read into consumers).
 */
import type { LineParser, RequestEvent } from '@rampart/core';
import type { ByteSource, SourceFailure } from '../sources/byte-source.js';
import { ChunkFeed } from '../sources/chunk-feed.js';
import { describeFsError } from '../sources/file/file-source.js';
import { LineReader } from '../sources/lines/line-reader.js';
import { type EventCursor, mergeByTime } from '../sources/merge/merge-by-time.js';
import type { EventConsumer } from './consumer.js';
import { ErrorCounter, type ErrorReport } from './error-counter.js';
import { ParsingSink } from './parsing-sink.js';
import { sampleLines } from './sample-lines.js';

export interface ChosenFormat {
  readonly id: string;
  readonly autoDetected: boolean;
  /** Detection confidence in [0, 1] when auto-detected. */
  readonly confidence?: number;
  readonly parser: LineParser;
}

export interface AnalysisInput {
  readonly sources: readonly ByteSource[];
  readonly failures: readonly SourceFailure[];
  readonly maxLineBytes: number;
  /** Picks the parser from sample lines (empty when no source had a readable line). May throw a RampartError. */
  readonly chooseFormat: (sample: readonly string[]) => ChosenFormat;
  readonly consumers: readonly EventConsumer[];
  /** Called once the format is known, before events flow. */
  readonly onFormat?: (format: ChosenFormat) => void;
  /** Called after each chunk with bytes read so far over all sources. */
  readonly onProgress?: (bytesRead: number) => void;
}

export interface SourceReport {
  readonly name: string;
  readonly compressed: boolean;
  readonly bytes: number;
  readonly lines: number;
  readonly events: number;
  readonly skipped: number;
  readonly errors: number;
  /** Set when the source could not be opened or failed while reading. */
  readonly failure?: string;
}

export interface AnalysisResult {
  readonly format: { readonly id: string; readonly autoDetected: boolean; readonly confidence?: number };
  readonly sources: readonly SourceReport[];
  readonly errors: ErrorReport;
  readonly events: number;
  readonly lines: number;
}

interface Lane {
  readonly feed: ChunkFeed;
  readonly reader: LineReader;
  readonly sink: ParsingSink;
  failure?: string;
}

export async function runAnalysis(input: AnalysisInput): Promise<AnalysisResult> {
  const feeds = input.sources.map((s) => new ChunkFeed(s));
  const sample = await sampleLines(feeds, input.maxLineBytes);
  const format = input.chooseFormat(sample);
  input.onFormat?.(format);

  const errors = new ErrorCounter();
  const consumers = input.consumers;
  const emit =
    consumers.length === 1
      ? (e: RequestEvent) => consumers[0]!.observe(e)
      : (e: RequestEvent) => {
          for (const c of consumers) c.observe(e);
        };
  const progress = input.onProgress
    ? () => input.onProgress!(input.sources.reduce((sum, s) => sum + s.bytesRead(), 0))
    : () => {};

  const lanes: Lane[] = [];
  if (feeds.length === 1) {
    const feed = feeds[0]!;
    const sink = new ParsingSink(format.parser, feed.source.name, errors, emit);
    const lane: Lane = { feed, reader: new LineReader(sink, input.maxLineBytes), sink };
    lanes.push(lane);
    while (await pull(lane, errors)) progress();
  } else {
    const cursors = feeds.map((feed, index) =>
      laneCursor(feed, index, format.parser, input.maxLineBytes, errors, lanes, progress),
    );
    await mergeByTime(cursors, emit);
  }

  const sources: SourceReport[] = lanes.map((lane) => ({
    name: lane.feed.source.name,
    compressed: lane.feed.source.compressed,
    bytes: lane.feed.source.bytesRead(),
    lines: lane.reader.lineNo,
    ...lane.sink.counts,
    ...(lane.failure ? { failure: lane.failure } : {}),
  }));
  for (const f of input.failures) {
    sources.push({
      name: f.name,
      compressed: false,
      bytes: 0,
      lines: 0,
      events: 0,
      skipped: 0,
      errors: 0,
      failure: f.message,
    });
  }
  const events = sources.reduce((n, s) => n + s.events, 0);
  const lines = sources.reduce((n, s) => n + s.lines, 0);
  const { id, autoDetected, confidence } = format;
  return {
    format: confidence === undefined ? { id, autoDetected } : { id, autoDetected, confidence },
    sources,
    errors: errors.report(),
    events,
    lines,
  };
}

/** Reads one chunk into the lane's reader; false at end of input or when the source failed. */
async function pull(lane: Lane, errors: ErrorCounter): Promise<boolean> {
  let chunk: Buffer | undefined;
  try {
    chunk = await lane.feed.next();
  } catch (err) {
    lane.failure = describeFsError(err);
    lane.reader.end();
    lane.sink.counts.errors++;
    errors.add('truncated', lane.feed.source.name, lane.reader.lineNo + 1, `(read stopped: ${lane.failure})`);
    return false;
  }
  if (chunk === undefined) {
    lane.reader.end();
    return false;
  }
  lane.reader.push(chunk);
  return true;
}

function laneCursor(
  feed: ChunkFeed,
  index: number,
  parser: LineParser,
  maxLineBytes: number,
  errors: ErrorCounter,
  lanes: Lane[],
  progress: () => void,
): EventCursor {
  const cursor: EventCursor = {
    index,
    events: [],
    pos: 0,
    async refill() {
      cursor.events = [];
      cursor.pos = 0;
      while (cursor.events.length === 0) {
        if (!(await pull(lane, errors))) return cursor.events.length > 0;
        progress();
      }
      return true;
    },
  };
  const sink = new ParsingSink(parser, feed.source.name, errors, (e) => cursor.events.push(e));
  const lane: Lane = { feed, reader: new LineReader(sink, maxLineBytes), sink };
  lanes.push(lane);
  return cursor;
}
