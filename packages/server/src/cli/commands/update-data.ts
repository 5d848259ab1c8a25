/**
 * `rampart update-data` — refreshes the downloadable reference data in the data dir: crawler ranges from
 * their operators' official URLs and the network-type feeds in `enrich.feeds`. Nothing downloads unless
 * this command runs. Each download has a timeout and a size cap; a failed one keeps the previous file and
 * says why. `--build-index` (re)builds the cached IP index from the installed data packages (no network).
 * Exit codes: 0 all succeeded, 1 some failed, 2 usage/config.
 */
import { loadIpIndex, RampartError } from '@rampart/core';
import { dataDownloads } from '../../data/data-downloads.js';
import { type DownloadOutcome, runDownload } from '../../data/download-runner.js';
import { loadCliConfig } from '../../data/enrich-setup.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { resolveDataDir } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';

interface UpdateOptions {
  data?: string;
  config?: string;
  only: string[];
  list?: boolean;
  json?: boolean;
  timeout: number;
  maxBytes: number;
  buildIndex?: boolean;
}

const CONCURRENCY = 4;

export const updateDataCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('update-data')
      .description('Download crawler ranges and configured feeds into the data directory')
      .option('--data <dir>', 'data directory (default: $RAMPART_DATA or ./rampart-data)')
      .option('-c, --config <file>', 'YAML config (its enrich.feeds apply; default: $RAMPART_CONFIG)')
      .option(
        '--only <name>',
        'download only this item (repeatable; see --list)',
        (v, acc: string[]) => [...acc, v],
        [],
      )
      .option('--list', 'list what would be downloaded, and from where, without downloading')
      .option('--timeout <ms>', 'timeout per request', positiveInt, 20_000)
      .option('--max-bytes <n>', 'refuse responses larger than this', positiveInt, 50_000_000)
      .option('--build-index', 'also (re)build the cached IP index from the installed data packages')
      .option('--json', 'print one JSON object')
      .action(async (options: UpdateOptions) => {
        state.exitCode = await updateData(options, io);
      });
  },
};

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive integer: ${v}`);
  return n;
}

async function updateData(o: UpdateOptions, io: CliIo): Promise<number> {
  const config = loadCliConfig(o, io);
  const dataDir = resolveDataDir(o, io);
  let downloads = dataDownloads(config.enrich);
  if (o.only.length > 0) {
    const known = new Set(downloads.map((d) => d.name));
    const unknown = o.only.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new RampartError('INVALID_ARGUMENT', `unknown item ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
    }
    downloads = downloads.filter((d) => o.only.includes(d.name));
  }
  if (o.list) {
    if (o.json) io.stdout.write(`${JSON.stringify({ dataDir, items: downloads.map(({ parse: _, ...d }) => d) })}\n`);
    else for (const d of downloads) io.stdout.write(`${d.name}\t${d.targetFile}\t${d.urls.join(' ')}\n`);
    return EXIT.OK;
  }

  let index: { from: string; millis: number; path: string } | undefined;
  if (o.buildIndex) {
    const loaded = loadIpIndex({
      rebuild: true,
      ...(config.enrich.indexCache ? { cacheDir: config.enrich.indexCache } : {}),
    });
    index = { from: loaded.from, millis: Math.round(loaded.millis), path: loaded.path };
    if (!o.json) io.stdout.write(`ok    ip-index  built in ${(loaded.millis / 1000).toFixed(1)} s → ${loaded.path}\n`);
    if (loaded.cacheError) io.stderr.write(`rampart update-data: could not write the IP index: ${loaded.cacheError}\n`);
  }

  const outcomes: DownloadOutcome[] = new Array(downloads.length);
  let next = 0;
  const worker = async () => {
    while (next < downloads.length) {
      const i = next++;
      const d = downloads[i]!;
      const r = await runDownload(d, dataDir, { timeoutMs: o.timeout, maxBytes: o.maxBytes });
      outcomes[i] = r;
      if (!o.json) {
        io.stdout.write(r.ok ? `ok    ${r.name}  ${r.bytes} bytes → ${r.file}\n` : `FAIL  ${r.name}  ${r.reason}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, downloads.length) }, worker));

  const failed = outcomes.filter((r) => !r.ok).length;
  if (o.json) io.stdout.write(`${JSON.stringify({ dataDir, index, results: outcomes })}\n`);
  else if (failed > 0)
    io.stderr.write(`rampart update-data: ${failed} of ${outcomes.length} failed; previous files kept\n`);
  return failed > 0 ? EXIT.LIMIT_EXCEEDED : EXIT.OK;
}
