/**
 * The parser contract. A parser turns one log line into a `RequestEvent`, a skip (headers, comments,
 * blank lines) or an error with a reason the caller counts. Parsers MUST NOT throw on any input: bad
 * input is a value. Exceptions are for bugs.
 */
import type { TSchema } from '@sinclair/typebox';
import type { RequestEvent } from '../event/request-event.js';

/** Reasons a line could not be read; stable ids shown in summaries and JSON output. */
export const PARSE_ERROR_REASONS = [
  'binary',
  'invalid_utf8',
  'too_long',
  'truncated',
  'format_mismatch',
  'bad_timestamp',
  'bad_address',
  'bad_status',
  'bad_request_line',
  'bad_json',
  'missing_field',
] as const;
export type ParseErrorReason = (typeof PARSE_ERROR_REASONS)[number];

export type ParseResult =
  | { readonly kind: 'event'; readonly event: RequestEvent }
  | { readonly kind: 'skip' }
  | { readonly kind: 'error'; readonly reason: ParseErrorReason; readonly detail: string };

export const SKIP: ParseResult = Object.freeze({ kind: 'skip' });

export function parseError(reason: ParseErrorReason, detail: string): ParseResult {
  return { kind: 'error', reason, detail };
}

/** Options every parser honours; built once from the config. */
export interface ParseOptions {
  /** Proxies whose forwarded-for entries are skipped (CIDRs or addresses). */
  readonly trustedProxies: readonly string[];
  /** Request headers to read an API key from, lower-case, in order of preference. */
  readonly apiKeyHeaders: readonly string[];
  /** Query parameters to read an API key from, in order of preference. */
  readonly apiKeyParams: readonly string[];
  /** Year to assume for formats whose timestamps omit it (syslog-style HAProxy); default: from file. */
  readonly defaultYear: number | undefined;
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = Object.freeze({
  trustedProxies: [],
  apiKeyHeaders: ['x-api-key', 'authorization'],
  apiKeyParams: ['api_key', 'apikey'],
  defaultYear: undefined,
});

export interface LineParser {
  readonly format: string;
  /** `lineNo` is 1-based within `source`. MUST NOT throw. */
  parse(line: string, source: string, lineNo: number): ParseResult;
}

export interface ParserFactory<C = Record<string, never>> {
  /** lower_snake_case, e.g. 'nginx_combined'. */
  readonly id: string;
  readonly description: string;
  /** Schema of the format's own settings (e.g. a `log_format` directive), with defaults. */
  readonly configSchema: TSchema | undefined;
  create(config: C, options: ParseOptions): LineParser;
  /** Share in [0, 1] of these sample lines the format recognises; used by `--format auto`. */
  sniff(lines: readonly string[]): number;
}
