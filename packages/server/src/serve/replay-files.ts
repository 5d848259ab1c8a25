/**
 * Backfill: reads log files (any format the parsers know, gzip included, several merged in event-time
 * order) through the ingest pipeline, exactly like live ingest but without HTTP. Used by `rampart replay`
 * and by `rampart serve --demo`. Batches are appended as the run reads; the journal writes them between
 * chunk reads, so memory stays at about one chunk however long the files are.
 */
import type { RampartConfig, RequestEvent } from '@rampart/core';
import { formatChooser } from '../analyze/choose-parser.js';
import { type AnalysisResult, runAnalysis } from '../analyze/run-analysis.js';
import { expandInputs } from '../sources/file/expand-inputs.js';
import type { IngestPipeline } from './ingest-pipeline.js';

export interface ReplayOptions {
  readonly files: readonly string[];
  readonly cwd: string;
  readonly stdin: NodeJS.ReadableStream;
  readonly config: RampartConfig;
  /** Overrides `ingest.format`. */
  readonly format?: string | undefined;
  readonly onFormat?: (f: { id: string; autoDetected: boolean }) => void;
  readonly onProgress?: (bytes: number) => void;
  readonly onFailure?: (name: string, message: string) => void;
}

/** Events per journal append (one fdatasync each, shared when several are queued). */
const BATCH = 20_000;

export async function replayFiles(o: ReplayOptions, pipeline: IngestPipeline): Promise<AnalysisResult> {
  const ingest = o.config.ingest;
  const chooseFormat = formatChooser({
    format: o.format ?? ingest.format,
    logFormat: ingest.logFormat,
    jsonFields: ingest.jsonFields,
    parseOptions: {
      trustedProxies: ingest.trustedProxies,
      apiKeyHeaders: ingest.apiKeyHeaders,
      apiKeyParams: ingest.apiKeyParams,
    },
  });
  const { sources, failures } = await expandInputs(o.files, o.cwd, o.stdin);
  for (const f of failures) o.onFailure?.(f.name, f.message);
  let batch: RequestEvent[] = [];
  const appends: Promise<void>[] = [];
  let firstError: unknown;
  const send = () => {
    if (batch.length === 0) return;
    const p = pipeline.accept(batch, 'replay', false).catch((err) => {
      firstError ??= err;
    });
    appends.push(p);
    batch = [];
    // Keep the list short: settled appends are dropped.
    if (appends.length > 64) void Promise.all(appends.splice(0, 32));
  };
  const result = await runAnalysis({
    sources,
    failures,
    maxLineBytes: ingest.maxLineBytes,
    chooseFormat,
    consumers: [
      {
        observe(e) {
          batch.push(e);
          if (batch.length >= BATCH) send();
        },
        finish: () => undefined,
      },
    ],
    ...(o.onFormat ? { onFormat: o.onFormat } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  send();
  await Promise.all(appends);
  if (firstError) throw firstError;
  return result;
}
