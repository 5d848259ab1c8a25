/**
 * AWS Application Load Balancer access logs: space-separated, quoted request/user agent/etc.
 * (`type time elb client:port target:port t1 t2 t3 elb_status target_status rx tx "request" "ua" …`).
 * The event time is `time` (when the response was sent, the order the files are written in); the
 * request time is the sum of the three processing times (undefined when any is -1). The client is the
 * socket address ALB saw; ALB logs no X-Forwarded-For.
 */
import type { LineParser, ParseOptions, ParseResult, ParserFactory } from '../parser.js';
import { DEFAULT_PARSE_OPTIONS, parseError, SKIP } from '../parser.js';
import { clip, EventDraft, EventFinisher, parseCount, parseStatus } from '../shared/event-draft.js';
import { newRequestParts, splitRequestLine } from '../shared/request-line.js';
import { shareParsed } from '../shared/sniff.js';
import { splitQuotedFields } from '../shared/split-fields.js';
import { CachedTimeReader, parseIsoTime } from '../shared/timestamps.js';

const TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);
const MIN_FIELDS = 14;

class AwsAlbParser implements LineParser {
  readonly format = 'aws_alb';
  private readonly finisher: EventFinisher;
  private readonly draft = new EventDraft();
  private readonly parts = newRequestParts();
  private readonly fields: string[] = [];
  private readonly time = new CachedTimeReader(parseIsoTime);

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
    const f = this.fields;
    const n = splitQuotedFields(line, f);
    if (n < 0) return parseError('truncated', 'unclosed quote');
    if (n === 0 || !TYPES.has(f[0]!)) return parseError('format_mismatch', clip(line));
    if (n < MIN_FIELDS) return parseError('truncated', `${n} fields`);
    const d = this.draft;
    d.reset();
    d.ts = this.time.parse(f[1]!);
    if (Number.isNaN(d.ts)) return parseError('bad_timestamp', clip(f[1]!));
    d.socket = f[3]!;
    d.status = parseStatus(f[8]!);
    if (d.status < 0) return parseError('bad_status', clip(f[8]!));
    d.bytes = parseCount(f[11]!);
    const t1 = Number(f[5]);
    const t2 = Number(f[6]);
    const t3 = Number(f[7]);
    d.requestTime = t1 >= 0 && t2 >= 0 && t3 >= 0 ? t1 + t2 + t3 : undefined;
    const p = this.parts;
    splitRequestLine(f[12]!, p);
    d.method = p.method;
    d.host = p.host;
    d.path = p.path;
    d.query = p.query;
    d.protocol = p.protocol;
    d.userAgent = f[13] === '-' ? '' : f[13]!;
    return this.finisher.finish(d, source, lineNo, line);
  }
}

export const awsAlbParser = {
  id: 'aws_alb',
  description: 'AWS Application Load Balancer access log',
  configSchema: undefined,
  create: (_config, options) => new AwsAlbParser(options),
  sniff(lines) {
    return shareParsed(this.create({}, DEFAULT_PARSE_OPTIONS), lines);
  },
} satisfies ParserFactory<Record<string, never>>;
