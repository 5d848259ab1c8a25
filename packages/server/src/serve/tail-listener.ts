/**
 * A followed file (`server.tail`) feeding the ingest pipeline. Lines are parsed as they are read and sent
 * in batches; the tailer's checkpoint is saved only after a round whose lines are all durable (afterRound
 * answers false while a batch is pending or in flight), so a restart neither skips nor repeats a line.
 * Under backpressure a batch is retried until it is accepted: a file can wait, unlike a UDP sender.
 */
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LineParser, RampartError, type RequestEvent } from '@rampart/core';
import { defaultCheckpointPath } from '../sources/tail/checkpoint.js';
import { FileTailer } from '../sources/tail/file-tailer.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { IngestPipeline } from './ingest-pipeline.js';

export interface TailListenerOptions {
  readonly path: string;
  readonly parser: LineParser;
  readonly dataDir: string;
  readonly maxLineBytes: number;
  readonly pollMs?: number;
}

export interface RunningTail {
  readonly path: string;
  /** Flushes what was read (waiting up to `graceMs`), saves the checkpoint and stops. */
  stop(graceMs?: number): Promise<void>;
}

export function startTail(
  o: TailListenerOptions,
  pipeline: IngestPipeline,
  metrics: MetricsRegistry,
  onError: (err: unknown) => void,
): RunningTail {
  const path = resolve(o.path);
  const controller = new AbortController();
  const bad = metrics.counter(
    'rampart_tail_rejected_lines_total',
    'Followed-file lines that could not be read, by reason',
  );
  let pending: RequestEvent[] = [];
  let inFlight: Promise<void> | undefined;
  let stopping = false;

  const send = async (batch: RequestEvent[]) => {
    for (;;) {
      try {
        await pipeline.accept(batch, 'tail');
        return;
      } catch (err) {
        if (!(err instanceof RampartError && err.code === 'OVERLOADED')) onError(err);
        await sleep(100);
      }
    }
  };

  const tailer = new FileTailer(
    {
      line(text, lineNo) {
        const r = o.parser.parse(text, path, lineNo);
        if (r.kind === 'event') pending.push(r.event);
        else if (r.kind === 'error') bad.inc({ reason: r.reason });
      },
      bad(reason) {
        bad.inc({ reason });
      },
    },
    {
      path,
      maxLineBytes: o.maxLineBytes,
      signal: controller.signal,
      pollMs: o.pollMs ?? 100,
      checkpointFile: defaultCheckpointPath(o.dataDir, path),
      checkpointEveryMs: 500,
      afterRound: () => {
        if (inFlight) return false;
        if (pending.length > 0) {
          const batch = pending;
          pending = [];
          inFlight = send(batch).finally(() => {
            inFlight = undefined;
          });
          return false;
        }
        // Everything read is durable: the checkpoint may be saved, and a requested stop may happen now.
        if (stopping) controller.abort();
        return true;
      },
    },
  );
  const done = tailer.run().catch(onError);
  return {
    path,
    async stop(graceMs = 5000) {
      stopping = true;
      const timer = setTimeout(() => controller.abort(), graceMs);
      await done;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
