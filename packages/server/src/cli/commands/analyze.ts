/**
 * `rampart analyze FILE…` — reads logs (files, globs, gzip, stdin, or one file followed live), prints the
 * traffic summary with parse errors by reason, or one JSON object with `--json`. Exit codes: 0 ok,
 * 1 error share above --max-error-share, 2 usage/config, 3 nothing could be read.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { configFromYaml, parseCidr, type RampartConfig, RampartError } from '@rampart/core';
import { InvalidArgumentError } from 'commander';
import { type AnalysisReport, buildReport, errorShare, renderReportText } from '../../analyze/analysis-report.js';
import { formatChooser } from '../../analyze/choose-parser.js';
import { followAnalysis } from '../../analyze/follow-analysis.js';
import { type AnalysisResult, runAnalysis } from '../../analyze/run-analysis.js';
import { ANALYSIS_STAGES } from '../../analyze/stages.js';
import { expandInputs } from '../../sources/file/expand-inputs.js';
import { describeFsError } from '../../sources/file/file-source.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { createProgress } from '../progress.js';

interface AnalyzeOptions {
  format?: string;
  logFormat?: string;
  config?: string;
  json?: boolean;
  top: number;
  trustedProxy: string[];
  maxErrorShare?: number;
  follow?: boolean;
  checkpoint?: string;
  summaryOnly?: boolean;
}

export const analyzeCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('analyze')
      .description('Summarise access logs: traffic, top clients and paths, parse errors (and findings)')
      .argument('[files...]', "log files or globs ('-' or a pipe: standard input); gzip is recognised")
      .option('-f, --format <id>', "log format id, or 'auto' to recognise it (default: auto)")
      .option('--log-format <directive>', 'nginx log_format directive or Apache LogFormat string')
      .option('-c, --config <file>', 'YAML config (its ingest section applies)')
      .option('--json', 'print one JSON object instead of tables')
      .option('--top <n>', 'rows per top table', positiveInt, 10)
      .option('--trusted-proxy <cidr>', 'your own proxy (repeatable): skipped in forwarded-for', collect, [])
      .option('--max-error-share <x>', 'exit 1 when the share of bad lines exceeds x (0.05 or 5%)', share)
      .option('--follow', 'keep reading one file as it grows, through rotation; summary on Ctrl-C')
      .option('--checkpoint <file>', 'with --follow: where to keep the read offset (default: in the data dir)')
      .option('--summary-only', 'traffic summary and parse errors only: skip enrichment and detection (faster)')
      .action(async (files: string[], options: AnalyzeOptions) => {
        state.exitCode = await analyze(files, options, io);
      });
  },
};

async function analyze(files: string[], options: AnalyzeOptions, io: CliIo): Promise<number> {
  const config = await loadConfig(options.config, io.cwd);
  const ingest = config?.ingest;
  const trustedProxies = [...(ingest?.trustedProxies ?? []), ...options.trustedProxy];
  for (const proxy of trustedProxies) {
    if (!parseCidr(proxy, { lenient: true })) {
      throw new RampartError('INVALID_ARGUMENT', `--trusted-proxy: '${proxy}' is not an address or CIDR`);
    }
  }
  const chooseFormat = formatChooser({
    format: options.format ?? ingest?.format ?? 'auto',
    logFormat: options.logFormat ?? ingest?.logFormat,
    jsonFields: ingest?.jsonFields,
    parseOptions: {
      trustedProxies,
      ...(ingest ? { apiKeyHeaders: ingest.apiKeyHeaders, apiKeyParams: ingest.apiKeyParams } : {}),
    },
  });
  const maxLineBytes = ingest?.maxLineBytes ?? 65536;
  const topN = options.top;
  const dataDir = io.env.RAMPART_DATA ?? resolve(io.cwd, 'rampart-data');
  const stages = options.summaryOnly ? ANALYSIS_STAGES.filter((s) => s.key === 'summary') : ANALYSIS_STAGES;
  const consumers = stages.map((stage) => stage.create({ topN, config, dataDir }));
  const announce = (f: { id: string; autoDetected: boolean }) => {
    if (f.autoDetected && f.id !== 'unknown') io.stderr.write(`format: ${f.id} (auto-detected)\n`);
  };

  let result: AnalysisResult;
  if (options.follow) {
    if (files.length !== 1 || files[0] === '-') {
      throw new RampartError('INVALID_ARGUMENT', '--follow takes exactly one file path');
    }
    result = await followAnalysis({
      path: resolve(io.cwd, files[0]!),
      name: files[0]!,
      checkpointPath: options.checkpoint ? resolve(io.cwd, options.checkpoint) : undefined,
      dataDir,
      maxLineBytes,
      chooseFormat,
      consumers,
      onFormat: announce,
      stderr: io.stderr,
    });
  } else {
    if (options.checkpoint) throw new RampartError('INVALID_ARGUMENT', '--checkpoint needs --follow');
    const inputs = files.length > 0 ? files : io.stdin.isTTY ? [] : ['-'];
    if (inputs.length === 0)
      throw new RampartError('INVALID_ARGUMENT', 'give one or more log files (or pipe a log in)');
    const { sources, failures } = await expandInputs(inputs, io.cwd, io.stdin);
    for (const f of failures) io.stderr.write(`rampart: ${f.name}: ${f.message}\n`);
    const total = sources.every((s) => s.totalBytes !== undefined)
      ? sources.reduce((n, s) => n + (s.totalBytes ?? 0), 0)
      : undefined;
    const progress = createProgress(io.stderr, total);
    result = await runAnalysis({
      sources,
      failures,
      maxLineBytes,
      chooseFormat,
      consumers,
      onFormat: announce,
      onProgress: (bytes) => progress.update(bytes),
    }).finally(() => progress.done());
  }

  const sections: Record<string, unknown> = {};
  stages.forEach((stage, i) => {
    sections[stage.key] = consumers[i]!.finish();
  });
  const report: AnalysisReport = buildReport(result, sections);
  if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
  // Nothing opened at all: the one-line errors on stderr say it all; an empty report would only add noise.
  else if (result.sources.some((s) => s.failure === undefined))
    io.stdout.write(renderReportText(report, result, stages, topN));
  return exitCode(result, options, io);
}

function exitCode(result: AnalysisResult, options: AnalyzeOptions, io: CliIo): number {
  if (result.events === 0) {
    const why =
      result.lines === 0 ? 'nothing could be read' : `none of the ${result.lines} lines could be read as requests`;
    io.stderr.write(`rampart: ${why}\n`);
    return EXIT.NO_INPUT;
  }
  const shareOfBad = errorShare(result);
  if (options.maxErrorShare !== undefined && shareOfBad > options.maxErrorShare) {
    io.stderr.write(
      `rampart: ${(shareOfBad * 100).toFixed(1)}% of lines were bad, above --max-error-share ${options.maxErrorShare}\n`,
    );
    return EXIT.LIMIT_EXCEEDED;
  }
  return EXIT.OK;
}

async function loadConfig(path: string | undefined, cwd: string): Promise<RampartConfig | undefined> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (err) {
    throw new RampartError('INVALID_CONFIG', `config file ${path}: ${describeFsError(err)}`);
  }
  return configFromYaml(text, path);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected a whole number 1–10000');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function share(value: string): number {
  const pct = value.endsWith('%');
  const n = Number(pct ? value.slice(0, -1) : value) / (pct ? 100 : 1);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share 0–1 or a percentage');
  return n;
}
