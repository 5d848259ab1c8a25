/**
 * HAProxy HTTP log format (`option httplog`), with or without a syslog prefix:
 * `[prefix] ip:port [dd/Mon/yyyy:hh:mm:ss.mmm] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes
 * req_cookie resp_cookie term conns queues [{req captures}] [{resp captures}] "request line"`.
 * The accept date carries its year, so the syslog timestamp (which does not) is never needed; the
 * `defaultYear` option is therefore not used by this format. The line is anchored on the
 * `ip:port [date]` pair found with `indexOf`, not a regex, so long lines cannot make it backtrack.
 * HAProxy's own connection messages (`fe/be: SSL handshake failure`) are skipped: they are not requests.
 * Captured request headers are read by the names in `captureRequestHeaders` (the order of the
 * `http-request capture` / `capture request header` directives); without it the first capture is taken
 * as the host when it looks like one.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { LineParser, ParseOptions, ParseResult, ParserFactory } from '../parser.js';
import { DEFAULT_PARSE_OPTIONS, parseError, SKIP } from '../parser.js';
import { clip, EventDraft, EventFinisher, parseCount, parseStatus } from '../shared/event-draft.js';
import { hostOfAuthority, newRequestParts, splitRequestLine } from '../shared/request-line.js';
import { shareParsed } from '../shared/sniff.js';
import { ClfTimeReader } from '../shared/timestamps.js';

export const HaproxyConfigSchema = Type.Object(
  {
    captureRequestHeaders: Type.Optional(
      Type.Array(Type.String(), {
        default: [],
        description: 'Names of the captured request headers in log order, e.g. ["host", "user-agent"].',
      }),
    ),
  },
  { additionalProperties: false, default: {} },
);
export type HaproxyConfig = Static<typeof HaproxyConfigSchema>;

const FIXED_FIELDS = 10;
const HOST_LIKE = /^[A-Za-z0-9.-]+(:\d+)?$/;

class HaproxyParser implements LineParser {
  readonly format = 'haproxy';
  private readonly finisher: EventFinisher;
  private readonly draft = new EventDraft();
  private readonly parts = newRequestParts();
  private readonly time = new ClfTimeReader();
  private readonly captures: readonly string[];

  constructor(config: HaproxyConfig, options: ParseOptions) {
    this.finisher = new EventFinisher(options);
    this.captures = (config.captureRequestHeaders ?? []).map((h) => h.toLowerCase());
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
    const d = this.draft;
    d.reset();
    // Anchor: the first ' [' whose bracket holds a CLF date and whose previous word is ip:port.
    let open = line.indexOf(' [');
    let close = -1;
    while (open >= 0) {
      close = line.indexOf('] ', open + 2);
      if (close > 0 && close - open < 40 && line.charCodeAt(open + 4) === 47 /* / */) break;
      open = line.indexOf(' [', open + 2);
    }
    if (open < 0 || close < 0) return parseError('format_mismatch', clip(line));
    const wordStart = line.lastIndexOf(' ', open - 1) + 1;
    const clientText = line.slice(wordStart, open);
    const colon = clientText.lastIndexOf(':');
    if (colon <= 0) return parseError('format_mismatch', clip(line));
    d.socket = clientText.slice(0, colon);
    d.ts = this.time.parse(line.slice(open + 2, close));
    if (Number.isNaN(d.ts)) return parseError('bad_timestamp', clip(line.slice(open + 2, close)));
    const rest = line.slice(close + 2);
    const quote = rest.indexOf('"');
    const head = (quote < 0 ? rest : rest.slice(0, quote)).split(' ');
    if (head.length < FIXED_FIELDS || head[1]!.indexOf('/') < 0 || quote < 0) {
      // `fe/be: message` lines are HAProxy's own connection errors, not requests.
      if (/^\S+\/\S+: /.test(rest)) return SKIP;
      return parseError(quote < 0 && head.length >= FIXED_FIELDS ? 'truncated' : 'format_mismatch', clip(line));
    }
    const timers = head[2]!;
    const total = Number(timers.slice(timers.lastIndexOf('/') + 1).replace('+', ''));
    d.requestTime = Number.isFinite(total) && total >= 0 ? total / 1000 : undefined;
    const statusText = head[3]!;
    d.status = statusText === '-1' ? 0 : parseStatus(statusText);
    if (d.status < 0) return parseError('bad_status', clip(statusText));
    d.bytes = parseCount(head[4]!.replace('+', ''));
    this.readCaptures(head.slice(FIXED_FIELDS).join(' '));
    let request = rest.slice(quote + 1);
    if (request.endsWith('"')) request = request.slice(0, -1);
    if (request === '<BADREQ>') request = '-';
    const p = this.parts;
    splitRequestLine(request, p);
    d.method = p.method;
    d.path = p.path;
    d.query = p.query;
    d.protocol = p.protocol;
    if (d.host === '') d.host = p.host;
    return this.finisher.finish(d, source, lineNo, line);
  }

  /** Reads `{a|b} {c}` request captures (the first brace group) into host, user agent, key headers. */
  private readCaptures(text: string): void {
    const open = text.indexOf('{');
    const close = open < 0 ? -1 : text.indexOf('}', open);
    if (close < 0) return;
    const values = text.slice(open + 1, close).split('|');
    const d = this.draft;
    if (this.captures.length === 0) {
      const first = values[0] ?? '';
      if (first.indexOf('.') > 0 && HOST_LIKE.test(first)) d.host = hostOfAuthority(first);
      return;
    }
    for (let i = 0; i < values.length && i < this.captures.length; i++) {
      const name = this.captures[i]!;
      const v = values[i]!;
      if (v === '') continue;
      if (name === 'host') d.host = hostOfAuthority(v);
      else if (name === 'user-agent') d.userAgent = v;
      else if (name === 'referer') d.referer = v;
      else if (name === 'x-forwarded-for') d.forwardedFor = v;
      else {
        const rank = this.finisher.keyRank(name);
        if (rank >= 0) d.offerKey(rank, name, v);
      }
    }
  }
}

export const haproxyParser = {
  id: 'haproxy',
  description: 'HAProxy HTTP log format (option httplog), with or without a syslog prefix',
  configSchema: HaproxyConfigSchema,
  create: (config, options) => new HaproxyParser(config, options),
  sniff(lines) {
    return shareParsed(this.create({ captureRequestHeaders: [] }, DEFAULT_PARSE_OPTIONS), lines);
  },
} satisfies ParserFactory<HaproxyConfig>;
