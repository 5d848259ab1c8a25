/**
 * `rampart ingest FILE… --to URL --token T` — ships log files to a running `rampart serve`: raw lines in
 * gzip batches to `POST /api/v1/ingest?format=…` (the format is named with --format or recognised from
 * the first lines here). 429/503 answers and network errors are retried with exponential backoff,
 * honouring Retry-After; a batch the server refuses for good (4xx) is counted, not retried. A summary
 * at the end; exit 0 when every line was accepted, 1 when some were rejected, 3 when nothing was sent.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { detectFormat, RampartError } from '@rampart/core';
import { InvalidArgumentError } from 'commander';
import { isGzipFile } from '../../sources/file/file-source.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface IngestCliOptions {
  to: string;
  token?: string;
  format?: string;
  batch: number;
  retries: number;
}

interface Totals {
  lines: number;
  accepted: number;
  rejected: number;
  retries: number;
  failedBatches: number;
}

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new InvalidArgumentError('a positive integer');
  return n;
};

async function* batches(path: string, size: number): AsyncGenerator<string[]> {
  const raw = createReadStream(path);
  const input = (await isGzipFile(path)) ? raw.pipe(createGunzip()) : raw;
  let batch: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line === '') continue;
    batch.push(line);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Posts one batch until it is answered for good; returns the server's counts. */
async function post(url: string, token: string | undefined, body: Buffer, o: IngestCliOptions, t: Totals, io: CliIo) {
  let delay = 250;
  for (let attempt = 0; ; attempt++) {
    let status: number;
    let retryAfter: string | null = null;
    let text = '';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain',
          'content-encoding': 'gzip',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        // A copy typed as a plain ArrayBuffer view (Buffer's typing is wider than fetch accepts).
        body: Uint8Array.from(body),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (err) {
      status = 0;
      text = (err as Error).message;
    }
    if (status === 200 || status === 422) {
      const r = JSON.parse(text) as { accepted: number; rejected: number; errors: { line: number; reason: string }[] };
      for (const e of r.errors.slice(0, 3)) io.stderr.write(`rampart ingest: line ${e.line} of a batch: ${e.reason}\n`);
      return r;
    }
    const transient = status === 0 || status === 429 || status === 503 || status >= 500;
    if (!transient || attempt >= o.retries) {
      throw new RampartError(
        status === 401 || status === 403 ? 'UNAUTHORIZED' : 'INVALID_ARGUMENT',
        `server answered ${status || 'nothing'}: ${text.slice(0, 300)}`,
      );
    }
    t.retries++;
    const wait = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : delay;
    await sleep(Math.min(wait, 30_000));
    delay = Math.min(delay * 2, 10_000);
  }
}

async function run(files: string[], o: IngestCliOptions, io: CliIo): Promise<number> {
  const token = o.token ?? io.env.RAMPART_TOKEN;
  const base = o.to.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base))
    throw new RampartError('INVALID_ARGUMENT', `--to must be an http(s) URL, not ${o.to}`);
  const t: Totals = { lines: 0, accepted: 0, rejected: 0, retries: 0, failedBatches: 0 };
  const started = performance.now();
  for (const file of files) {
    const path = resolve(io.cwd, file);
    let format = o.format;
    for await (const batch of batches(path, o.batch)) {
      if (format === undefined) {
        const guess = detectFormat(batch.slice(0, 200));
        if (guess.id === '' || guess.confidence < 0.6) {
          throw new RampartError('FORMAT_UNDETECTED', `${file}: could not recognise the log format; pass --format`);
        }
        format = guess.id;
        io.stderr.write(`${file}: format ${format} (auto-detected)\n`);
      }
      const body = gzipSync(`${batch.join('\n')}\n`);
      t.lines += batch.length;
      try {
        const r = await post(`${base}/api/v1/ingest?format=${encodeURIComponent(format)}`, token, body, o, t, io);
        t.accepted += r.accepted;
        t.rejected += r.rejected;
      } catch (err) {
        if (!(err instanceof RampartError) || err.code === 'UNAUTHORIZED') throw err;
        t.failedBatches++;
        io.stderr.write(`rampart ingest: a batch of ${batch.length} lines failed: ${err.message}\n`);
      }
    }
  }
  const s = (performance.now() - started) / 1000;
  io.stdout.write(
    `sent ${t.lines} lines in ${s.toFixed(1)} s (${Math.round(t.lines / Math.max(s, 0.001))} lines/s): ` +
      `${t.accepted} accepted, ${t.rejected} rejected, ${t.failedBatches} batches failed, ${t.retries} retries\n`,
  );
  if (t.lines === 0) return EXIT.NO_INPUT;
  return t.rejected > 0 || t.failedBatches > 0 ? EXIT.LIMIT_EXCEEDED : EXIT.OK;
}

export const ingestCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('ingest')
      .description('ship log files to a running rampart serve over HTTP')
      .argument('<files...>', 'log files (plain or gzip)')
      .requiredOption('--to <url>', 'server URL, e.g. http://127.0.0.1:8080')
      .option('--token <token>', 'API token with the ingest scope (default: $RAMPART_TOKEN)')
      .option('-f, --format <id>', 'log format (default: recognised from the first lines)')
      .option('--batch <n>', 'lines per request', positive, 5000)
      .option('--retries <n>', 'retries per batch on 429/503 or network errors', positive, 8)
      .action(async (files: string[], o: IngestCliOptions) => {
        state.exitCode = await run(files, o, io);
      });
  },
};
