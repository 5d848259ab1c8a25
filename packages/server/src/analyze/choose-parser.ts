/**
 * Picks the parser for a run: the format the user named, a custom nginx `log_format` / Apache
 * `LogFormat` string, or (`auto`) the format that reads the most of the first lines. Recognition must be
 * sure: below MIN_CONFIDENCE the run stops and asks for `--format`, listing what came close.
 */
import {
  createParser,
  detectFormat,
  type LineParser,
  PARSERS,
  type ParseOptions,
  parseError,
  RampartError,
} from '@rampart/core';
import type { ChosenFormat } from './run-analysis.js';

/** Share of sample lines the best format must read for `auto` to go ahead. */
export const MIN_CONFIDENCE = 0.6;

export interface FormatRequest {
  /** A format id, or 'auto'. */
  readonly format: string;
  /** nginx `log_format` directive text or Apache `LogFormat` string. */
  readonly logFormat?: string | undefined;
  readonly jsonFields?: Readonly<Record<string, string>> | undefined;
  readonly parseOptions: Partial<ParseOptions>;
}

/** Returns the chooser that `runAnalysis` calls with the sample lines. */
export function formatChooser(request: FormatRequest): (sample: readonly string[]) => ChosenFormat {
  return (sample) => {
    let id = request.format;
    if (request.logFormat !== undefined && (id === 'auto' || id === '')) id = customFormatId(request.logFormat);
    if (id !== 'auto') {
      return { id, autoDetected: false, parser: createParser(id, parserConfig(id, request), request.parseOptions) };
    }
    if (sample.length === 0) return { id: 'unknown', autoDetected: true, confidence: 0, parser: NOTHING_READABLE };
    const guess = detectFormat(sample);
    if (guess.id === '' || guess.confidence < MIN_CONFIDENCE) {
      throw new RampartError('FORMAT_UNDETECTED', undetectedMessage(guess.candidates, sample.length));
    }
    return {
      id: guess.id,
      autoDetected: true,
      confidence: guess.confidence,
      parser: createParser(guess.id, {}, request.parseOptions),
    };
  };
}

/** `$remote_addr …` is an nginx directive; `%h …` an Apache LogFormat. */
function customFormatId(logFormat: string): string {
  return /\$[a-z_]/.test(logFormat) ? 'nginx' : 'apache';
}

function parserConfig(id: string, request: FormatRequest): Record<string, unknown> {
  if ((id === 'nginx' || id === 'apache') && request.logFormat !== undefined) return { logFormat: request.logFormat };
  if (id === 'json' && request.jsonFields !== undefined) return { fields: request.jsonFields };
  return {};
}

function undetectedMessage(candidates: readonly { id: string; confidence: number }[], sampled: number): string {
  const pct = (c: number) => `${Math.round(c * 100)}%`;
  const close = candidates
    .slice(0, 4)
    .map((c) => `${c.id} (${pct(c.confidence)})`)
    .join(', ');
  const known = PARSERS.map((p) => p.id).join(', ');
  return (
    `could not recognise the log format from the first ${sampled} lines` +
    (close ? `; closest: ${close}` : '; no known format read any of them') +
    `. Pass --format <id> (one of: ${known}) or --log-format "<directive>".`
  );
}

/** Used when no line at all could be decoded: every line was already counted by the line reader. */
const NOTHING_READABLE: LineParser = {
  format: 'unknown',
  parse: () => parseError('format_mismatch', 'no recognisable format'),
};
