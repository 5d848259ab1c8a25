/**
 * Every log format Rampart reads, as an explicit array, and the two ways in: `createParser` by id (with
 * the format's config validated against its schema) and `detectFormat` for `--format auto`.
 * Adding a format: one folder under `parsers/` and one line in `PARSERS`. Order matters for detection:
 * on equal confidence the earlier (more specific) format wins.
 */
import { Value } from '@sinclair/typebox/value';
import { RampartError } from '../errors.js';
import { findPlugin } from '../plugin.js';
import {
  apacheCombinedParser,
  apacheCommonParser,
  apacheParser,
  apacheVhostCombinedParser,
} from './apache/apache-formats.js';
import { awsAlbParser } from './aws-alb/aws-alb-format.js';
import { caddyParser } from './caddy/caddy-format.js';
import { cloudflareParser } from './cloudflare/cloudflare-format.js';
import { cloudfrontParser } from './cloudfront/cloudfront-format.js';
import { envoyParser } from './envoy/envoy-format.js';
import { envoyTextParser } from './envoy/envoy-text-format.js';
import { haproxyParser } from './haproxy/haproxy-format.js';
import { jsonParser, nginxJsonParser } from './json/json-formats.js';
import { hostCombinedParser, nginxCombinedParser, nginxMainParser, nginxParser } from './nginx/nginx-formats.js';
import { DEFAULT_PARSE_OPTIONS, type LineParser, type ParseOptions, type ParserFactory } from './parser.js';
import { traefikParser } from './traefik/traefik-format.js';

// biome-ignore lint/suspicious/noExplicitAny: each factory has its own config type; createParser checks the config against the factory's own schema before `create` sees it.
type AnyParserFactory = ParserFactory<any>;

export const PARSERS: readonly AnyParserFactory[] = [
  nginxMainParser,
  nginxCombinedParser,
  apacheVhostCombinedParser,
  hostCombinedParser,
  apacheCombinedParser,
  apacheCommonParser,
  cloudflareParser,
  traefikParser,
  caddyParser,
  envoyParser,
  envoyTextParser,
  nginxJsonParser,
  awsAlbParser,
  cloudfrontParser,
  haproxyParser,
  nginxParser,
  apacheParser,
  jsonParser,
];

/**
 * Pairs of ids that read the same line shape to the same events. Detection reports the first id and
 * lists the other as equivalent instead of calling it a near tie.
 */
export const EQUIVALENT_FORMATS: Readonly<Record<string, readonly string[]>> = {
  nginx_combined: ['apache_combined'],
};

/**
 * Formats that also read the lines of a more specific one because they tolerate trailing fields
 * (a `main` line is a `combined` line plus a field). When the specific format wins they are not
 * alternatives, so detection leaves them out of the candidates instead of reporting a near tie.
 */
export const MORE_GENERAL_FORMATS: Readonly<Record<string, readonly string[]>> = {
  nginx_main: ['nginx_combined', 'apache_combined', 'apache_common'],
  nginx_combined: ['apache_common'],
  apache_combined: ['apache_common'],
  apache_vhost_combined: ['host_combined'],
};

/** Builds a parser. Throws RampartError UNKNOWN_PLUGIN (with the known ids) or INVALID_CONFIG. */
export function createParser(
  id: string,
  config: Record<string, unknown>,
  options: Partial<ParseOptions> = {},
): LineParser {
  const factory = findPlugin(PARSERS, id, 'format');
  const opts: ParseOptions = Object.freeze({ ...DEFAULT_PARSE_OPTIONS, ...stripUndefined(options) });
  let cfg: unknown = config;
  if (factory.configSchema !== undefined) {
    cfg = Value.Default(factory.configSchema, structuredClone(config));
    if (!Value.Check(factory.configSchema, cfg)) {
      const problems = [...Value.Errors(factory.configSchema, cfg)]
        .slice(0, 3)
        .map((e) => `${e.path || '/'}: ${e.message}`);
      throw new RampartError('INVALID_CONFIG', `format '${id}': ${problems.join('; ')}`);
    }
  }
  try {
    return factory.create(cfg, opts);
  } catch (err) {
    if (err instanceof RampartError) throw err;
    throw new RampartError('INVALID_CONFIG', `format '${id}': ${(err as Error).message}`, { cause: err });
  }
}

function stripUndefined(o: Partial<ParseOptions>): Partial<ParseOptions> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<ParseOptions>;
}

export interface FormatGuess {
  /** The chosen format id ('' when no format recognised a single line). */
  readonly id: string;
  /** Share in [0, 1] of the sample lines the chosen format read. */
  readonly confidence: number;
  /**
   * Formats that read at least one line, best first, the chosen one included; its equivalents and the
   * more general layouts that read its lines only by tolerance are left out.
   */
  readonly candidates: readonly { readonly id: string; readonly confidence: number }[];
  /** Ids that read these lines exactly as the chosen one does (e.g. apache_combined for nginx_combined). */
  readonly equivalent: readonly string[];
}

const SAMPLE_LIMIT = 200;

/** Guesses the format of `sampleLines` (blank lines ignored; the first 200 others are used). */
export function detectFormat(sampleLines: readonly string[]): FormatGuess {
  const sample: string[] = [];
  for (const l of sampleLines) {
    if (l.trim() !== '') sample.push(l);
    if (sample.length >= SAMPLE_LIMIT) break;
  }
  const scored: { id: string; confidence: number }[] = [];
  for (const f of PARSERS) {
    let c = 0;
    try {
      c = f.sniff(sample);
    } catch {
      c = 0; // sniff MUST NOT throw; a bug in one format must not break detection of the others
    }
    if (c > 0) scored.push({ id: f.id, confidence: c });
  }
  // Stable sort keeps registry order on ties, so the more specific format wins.
  scored.sort((a, b) => b.confidence - a.confidence);
  const best = scored[0];
  if (best === undefined) return { id: '', confidence: 0, candidates: [], equivalent: [] };
  const equivalent = EQUIVALENT_FORMATS[best.id] ?? [];
  const general = MORE_GENERAL_FORMATS[best.id] ?? [];
  const candidates = scored.filter((s) => !equivalent.includes(s.id) && !general.includes(s.id));
  return { id: best.id, confidence: best.confidence, candidates, equivalent };
}
