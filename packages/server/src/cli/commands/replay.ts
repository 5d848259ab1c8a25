/**
 * `rampart replay FILE…` — backfills history into the local data directory: every line goes through the
 * same path as live ingest (parse → enrich → event store → detection in event time), then a final
 * detection cycle stores findings, reports and automatic bans. Needs the data directory to itself (stop
 * `rampart serve` first, or ship the files to it with `rampart ingest`).
 */
import { resolve } from 'node:path';
import { loadCliConfig } from '../../data/enrich-setup.js';
import { openPlatform } from '../../serve/platform.js';
import { replayFiles } from '../../serve/replay-files.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { createProgress } from '../progress.js';

interface ReplayCliOptions {
  config?: string;
  data?: string;
  format?: string;
}

async function run(files: string[], o: ReplayCliOptions, io: CliIo): Promise<number> {
  const config = loadCliConfig(o, io);
  const dataDir = resolve(io.cwd, o.data ?? io.env.RAMPART_DATA ?? config.server.dataDir ?? 'rampart-data');
  const started = performance.now();
  const p = await openPlatform({
    config,
    configPath: o.config ?? io.env.RAMPART_CONFIG,
    dataDir,
    io,
    now: () => Date.now(),
    // Nothing queries during a replay: loads run as journal segments fill (see DuckDbEventStore), not by time.
    loadIntervalMs: 60_000,
    eventThreads: 1,
    onError: (err) => io.stderr.write(`rampart replay: ${(err as Error).message}\n`),
  });
  try {
    p.pipeline.open = true;
    const progress = createProgress(io.stderr, undefined);
    const result = await replayFiles(
      {
        files,
        cwd: io.cwd,
        stdin: io.stdin,
        config,
        format: o.format,
        onFormat: (f) => f.autoDetected && io.stderr.write(`format: ${f.id} (auto-detected)\n`),
        onProgress: (b) => progress.update(b),
        onFailure: (name, message) => io.stderr.write(`rampart: ${name}: ${message}\n`),
      },
      p.pipeline,
    ).finally(() => progress.done());
    const cycle = await p.cycle.runOnce(true);
    await p.events.flush();
    const seconds = (performance.now() - started) / 1000;
    const bad = result.lines - result.events;
    io.stdout.write(
      `replayed ${result.events} events from ${result.lines} lines (${bad} not events) in ${seconds.toFixed(1)} s ` +
        `(${Math.round(result.lines / Math.max(seconds, 0.001))} lines/s) into ${dataDir}\n` +
        `findings: ${p.cycle.findings().length}; reports created: ${cycle.reports}; automatic bans: ${cycle.bans}\n`,
    );
    return result.events === 0 ? EXIT.NO_INPUT : EXIT.OK;
  } finally {
    await p.close();
  }
}

export const replayCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('replay')
      .description('backfill log files into the local data directory with event-time detection')
      .argument('<files...>', 'log files (gzip, globs; - for stdin)')
      .option('-c, --config <file>', 'YAML config (default: $RAMPART_CONFIG)')
      .option('--data <dir>', 'data directory (default: $RAMPART_DATA, server.dataDir, ./rampart-data)')
      .option('-f, --format <id>', 'log format (default: ingest.format, auto-detected)')
      .action(async (files: string[], o: ReplayCliOptions) => {
        state.exitCode = await run(files, o, io);
      });
  },
};
