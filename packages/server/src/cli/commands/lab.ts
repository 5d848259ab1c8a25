/**
 * `rampart lab generate` writes a labelled, reproducible day of traffic (nginx combined, Cloudflare
 * Logpush JSON, labels.json); `rampart lab score LABELS FINDINGS` measures `analyze --json` findings
 * against the labels. Exit codes: 0 ok, 1 a quality bar failed, 2 usage, 3 an input could not be read.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CI_BARS,
  formatLabScore,
  generateLab,
  LAB_FORMATS,
  type LabFormat,
  parseFindings,
  parseLabels,
  RampartError,
  scoreLab,
} from '@rampart/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface GenerateOptions {
  seed: number;
  scale: number;
  out: string;
  date?: string;
  formats: LabFormat[];
}

interface ScoreOptions {
  json?: boolean;
  minPrecision: number;
  minMacroRecall: number;
  excludeScenario: string[];
}

export const labCommand: CliCommandModule = {
  register(program, io, state) {
    const lab: Command = program.command('lab').description('Generate a labelled day of traffic; score findings on it');
    lab
      .command('generate')
      .description('Write one UTC day of labelled traffic: access.log, cloudflare.json, labels.json')
      .requiredOption('--seed <n>', 'seed (same seed, same day, byte for byte)', nonNegativeInt)
      .option('--scale <s>', 'size: 1 is about 150k-300k lines', positiveNumber, 1)
      .requiredOption('--out <dir>', 'output directory (created)')
      .option('--date <yyyy-mm-dd>', 'the UTC day (default 2026-11-20)')
      .addOption(
        new Option('--formats <list>', `comma-separated: ${LAB_FORMATS.join(',')}`)
          .argParser(formats)
          .default([...LAB_FORMATS], LAB_FORMATS.join(',')),
      )
      .action((options: GenerateOptions) => {
        const started = performance.now();
        const result = generateLab({
          seed: options.seed,
          scale: options.scale,
          outDir: resolve(io.cwd, options.out),
          formats: options.formats,
          ...(options.date !== undefined ? { date: options.date } : {}),
        });
        const seconds = (performance.now() - started) / 1000;
        const abuse = result.labels.actors.filter((a) => a.label === 'abuse').length;
        io.stdout.write(
          `${result.lines.toLocaleString('en-US')} lines in ${seconds.toFixed(1)} s ` +
            `(${Math.round(result.lines / seconds).toLocaleString('en-US')} lines/s), ` +
            `${result.labels.actors.length} actors (${abuse} abuse)\n`,
        );
        for (const f of result.files) io.stdout.write(`  ${f}\n`);
        state.exitCode = EXIT.OK;
      });
    lab
      .command('score')
      .description('Score `rampart analyze --json` findings against a lab day: precision, recall, hard negatives')
      .argument('<labels>', 'labels.json written by lab generate')
      .argument('<findings>', "the output of rampart analyze --json ('-' reads standard input)")
      .option('--json', 'print the score as JSON')
      .option('--min-precision <x>', 'fail (exit 1) below this precision', share, CI_BARS.minPrecision)
      .option('--min-macro-recall <x>', 'fail (exit 1) below this macro recall', share, CI_BARS.minMacroRecall)
      .option(
        '--exclude-scenario <name>',
        'leave a scenario out of recall (repeatable), e.g. api_key_many_networks for logs without API keys',
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      )
      .action(async (labelsPath: string, findingsPath: string, options: ScoreOptions) => {
        state.exitCode = await score(labelsPath, findingsPath, options, io);
      });
  },
};

async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(path: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readStdin(io) : await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new RampartError('INPUT_UNREADABLE', `cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RampartError('INVALID_ARGUMENT', `${path} is not JSON`);
  }
}

async function score(labelsPath: string, findingsPath: string, options: ScoreOptions, io: CliIo): Promise<number> {
  const labels = parseLabels(await readJson(labelsPath, io));
  if ('error' in labels) throw new RampartError('INVALID_ARGUMENT', `${labelsPath}: ${labels.error}`);
  const findings = parseFindings(await readJson(findingsPath, io));
  if ('error' in findings) throw new RampartError('INVALID_ARGUMENT', `${findingsPath}: ${findings.error}`);
  const result = scoreLab(labels, findings.findings, {
    minPrecision: options.minPrecision,
    minMacroRecall: options.minMacroRecall,
    excludeScenarios: options.excludeScenario,
  });
  if (options.json) io.stdout.write(`${JSON.stringify({ ...result, invalidFindings: findings.invalid }, null, 2)}\n`);
  else {
    if (findings.invalid > 0) io.stdout.write(`skipped ${findings.invalid} malformed finding(s)\n`);
    io.stdout.write(formatLabScore(result));
  }
  return result.passed ? EXIT.OK : EXIT.LIMIT_EXCEEDED;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!(n > 0 && n <= 100)) throw new InvalidArgumentError('expected a number in (0, 100]');
  return n;
}

function share(v: string): number {
  const n = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a share in [0, 1] (0.9 or 90%)');
  return n;
}

function formats(v: string): LabFormat[] {
  const list = v.split(',').map((s) => s.trim());
  for (const f of list) {
    if (!(LAB_FORMATS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(`unknown format '${f}' (known: ${LAB_FORMATS.join(', ')})`);
    }
  }
  return list as LabFormat[];
}
