/**
 * AWS CloudFront standard (access) logs, W3C extended format: tab-separated, `#Version:` and `#Fields:`
 * header lines (returned as skips) set the column order; before any `#Fields:` line the documented
 * default order is assumed. The parser is stateful: one instance per file. User agent and referer are
 * URL-encoded by CloudFront and decoded here; the path is kept as logged. `x-host-header` (what the
 * viewer asked for) is preferred to `cs(Host)` (the distribution's domain). The forwarded-for rule
 * applies to `c-ip` and `x-forwarded-for` as for any proxy log.
 */
import type { LineParser, ParseOptions, ParseResult, ParserFactory } from '../parser.js';
import { DEFAULT_PARSE_OPTIONS, parseError, SKIP } from '../parser.js';
import { clip, EventDraft, EventFinisher, parseCount, parseSeconds, parseStatus } from '../shared/event-draft.js';
import { hostOfAuthority } from '../shared/request-line.js';
import { shareParsed } from '../shared/sniff.js';
import { CachedTimeReader, parseIsoTime } from '../shared/timestamps.js';

export const CLOUDFRONT_DEFAULT_FIELDS =
  'date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end';

/** Column index of each field Rampart reads; -1 when the log lacks it. */
interface Columns {
  date: number;
  time: number;
  ip: number;
  xff: number;
  method: number;
  csHost: number;
  hostHeader: number;
  stem: number;
  query: number;
  status: number;
  bytes: number;
  referer: number;
  ua: number;
  protocolVersion: number;
  timeTaken: number;
  country: number;
  asn: number;
  count: number;
}

function columnsOf(names: readonly string[]): Columns {
  const at = (n: string) => names.indexOf(n);
  return {
    date: at('date'),
    time: at('time'),
    ip: at('c-ip'),
    xff: at('x-forwarded-for'),
    method: at('cs-method'),
    csHost: at('cs(Host)'),
    hostHeader: at('x-host-header'),
    stem: at('cs-uri-stem'),
    query: at('cs-uri-query'),
    status: at('sc-status'),
    bytes: at('sc-bytes'),
    referer: at('cs(Referer)'),
    ua: at('cs(User-Agent)'),
    protocolVersion: at('cs-protocol-version'),
    timeTaken: at('time-taken'),
    country: at('c-country'),
    asn: at('asn'),
    count: names.length,
  };
}

const DEFAULT_COLUMNS = columnsOf(CLOUDFRONT_DEFAULT_FIELDS.split(' '));

class CloudFrontParser implements LineParser {
  readonly format = 'cloudfront';
  private readonly finisher: EventFinisher;
  private readonly draft = new EventDraft();
  private readonly time = new CachedTimeReader(parseIsoTime);
  private cols: Columns = DEFAULT_COLUMNS;

  constructor(options: ParseOptions) {
    this.finisher = new EventFinisher(options);
  }

  parse(line: string, source: string, lineNo: number): ParseResult {
    try {
      return this.parseLine(line, source, lineNo);
    } catch (err) {
      return parseError('format_mismatch', `parser error: ${(err as Error).message}`);
    }
  }

  private parseLine(line: string, source: string, lineNo: number): ParseResult {
    if (line.length === 0) return SKIP;
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('#Fields:')) this.cols = columnsOf(line.slice(8).trim().split(/\s+/));
      return SKIP;
    }
    const f = line.split('\t');
    const c = this.cols;
    if (f.length < 3 || c.date < 0 || c.time < 0) return parseError('format_mismatch', clip(line));
    if (f.length < Math.min(c.count, 12)) return parseError('truncated', `${f.length} fields`);
    const d = this.draft;
    d.reset();
    const date = f[c.date]!;
    const time = f[c.time]!;
    if (date.length !== 10 || time.length < 8) return parseError('format_mismatch', clip(line));
    d.ts = this.time.parse(`${date}T${time}Z`);
    if (Number.isNaN(d.ts)) return parseError('bad_timestamp', clip(`${date} ${time}`));
    d.status = parseStatus(field(f, c.status));
    if (d.status < 0) return parseError('bad_status', clip(field(f, c.status)));
    d.socket = field(f, c.ip);
    d.forwardedFor = field(f, c.xff);
    d.method = field(f, c.method);
    const host = field(f, c.hostHeader) || field(f, c.csHost);
    d.host = host === '' ? '' : hostOfAuthority(host);
    d.path = field(f, c.stem);
    d.query = field(f, c.query);
    d.bytes = c.bytes < 0 ? -1 : parseCount(field(f, c.bytes));
    d.referer = urlDecode(field(f, c.referer));
    d.userAgent = urlDecode(field(f, c.ua));
    d.protocol = field(f, c.protocolVersion);
    d.requestTime = parseSeconds(field(f, c.timeTaken));
    const country = field(f, c.country);
    d.country = country === '' ? undefined : country.toUpperCase();
    const asn = Number(field(f, c.asn));
    d.asn = Number.isInteger(asn) && asn > 0 ? asn : undefined;
    return this.finisher.finish(d, source, lineNo, line);
  }
}

/** The value of column `i`, '' when absent or '-'. */
function field(f: readonly string[], i: number): string {
  if (i < 0) return '';
  const v = f[i];
  return v === undefined || v === '-' ? '' : v;
}

function urlDecode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const cloudfrontParser = {
  id: 'cloudfront',
  description: 'AWS CloudFront standard log (W3C, tab-separated; #Fields: sets the columns)',
  configSchema: undefined,
  create: (_config, options) => new CloudFrontParser(options),
  sniff(lines) {
    // Header lines are skips; a sample that is only headers still says CloudFront.
    if (lines.some((l) => l.startsWith('#Fields: date time x-edge-location'))) return 1;
    return shareParsed(this.create({}, DEFAULT_PARSE_OPTIONS), lines);
  },
} satisfies ParserFactory<Record<string, never>>;
