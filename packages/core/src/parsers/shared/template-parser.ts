/**
 * Runs a compiled `FieldTemplate` over lines. Each field ends at the literal that follows it; inside
 * double quotes a backslash-escaped quote does not end the field. Only the last field tolerates raw
 * quotes in its value, and may be followed by extra text (layouts that append fields to `combined` still
 * parse as `combined`). One scan, `indexOf` per field, no regex, no backtracking.
 */
import type { LineParser, ParseOptions, ParseResult } from '../parser.js';
import { parseError, SKIP } from '../parser.js';
import { clip, EventDraft, EventFinisher, intAt, parseSeconds } from './event-draft.js';
import { Field, type FieldTemplate, resolveTemplate, type TemplateField } from './field-template.js';
import { hostOfAuthority, newRequestParts, splitRequestAt, splitTarget } from './request-line.js';
import { CachedTimeReader, ClfTimeReader, parseEpochText, parseIsoTime } from './timestamps.js';
import { unescapeLogValue } from './unescape.js';
import { wrappedMessageStart } from './wrapped-line.js';

export class TemplateParser implements LineParser {
  readonly format: string;
  private readonly prefix: string;
  private readonly kinds: Int8Array;
  private readonly fields: readonly TemplateField[];
  private readonly ranks: Int32Array;
  private readonly terms: readonly string[];
  private readonly quoted: Uint8Array;
  private readonly hasHost: boolean;
  private readonly finisher: EventFinisher;
  private readonly draft = new EventDraft();
  private readonly parts = newRequestParts();
  private readonly clf = new ClfTimeReader();
  private readonly iso = new CachedTimeReader(parseIsoTime);

  private readonly decode: (s: string) => string;

  /** `decodeEscapes: false` for layouts logged without escaping (nginx `escape=none`). */
  constructor(format: string, template: FieldTemplate, options: ParseOptions, decodeEscapes = true) {
    this.format = format;
    this.decode = decodeEscapes ? unescapeLogValue : identity;
    this.finisher = new EventFinisher(options);
    const t = resolveTemplate(template, (h) => this.finisher.keyRank(h) >= 0);
    this.prefix = t.prefix;
    this.fields = t.fields;
    this.terms = t.terms;
    this.kinds = Int8Array.from(t.fields, (f) => f.kind);
    this.ranks = Int32Array.from(t.fields, (f) => (f.kind === Field.KEY_HEADER ? this.finisher.keyRank(f.header) : -1));
    this.quoted = Uint8Array.from(t.fields, (_, i) => {
      const before = i === 0 ? t.prefix : t.terms[i - 1]!;
      return before.endsWith('"') && t.terms[i]!.startsWith('"') ? 1 : 0;
    });
    this.hasHost = t.fields.some((f) => f.kind === Field.HOST);
  }

  parse(line: string, source: string, lineNo: number): ParseResult {
    try {
      const r = this.parseLine(line, source, lineNo, line);
      if (r.kind !== 'error') return r;
      // Lines a syslog daemon or container runtime wrapped: read the message, keep the whole line.
      const start = wrappedMessageStart(line);
      return start > 0 ? this.parseLine(line.slice(start), source, lineNo, line) : r;
    } catch (err) {
      // A bug, not bad input; still MUST NOT escape to the caller.
      return parseError('format_mismatch', `parser error: ${(err as Error).message}`);
    }
  }

  /** Parses `line`; the event keeps `raw` (the line as read, with any syslog header). */
  private parseLine(line: string, source: string, lineNo: number, raw: string): ParseResult {
    if (line.length === 0) return SKIP;
    const d = this.draft;
    d.reset();
    if (!line.startsWith(this.prefix)) return parseError('format_mismatch', clip(line));
    let pos = this.prefix.length;
    const n = this.kinds.length;
    for (let i = 0; i < n; i++) {
      const term = this.terms[i]!;
      let end: number;
      if (term.length === 0) end = line.length;
      else if (this.quoted[i] === 1) end = findClosingQuote(line, pos, term, i === n - 1);
      else end = line.indexOf(term, pos);
      if (end < 0) {
        if (this.quoted[i] === 1) return parseError('truncated', `unterminated ${this.fields[i]!.source}`);
        return parseError(i === 0 ? 'format_mismatch' : 'truncated', `no end of ${this.fields[i]!.source}`);
      }
      // Numbers are read in place and '-' (nginx/Apache "no value") leaves the draft's default, so the
      // common fields of a line cost no substring.
      const kind = this.kinds[i]!;
      if (kind === Field.STATUS) {
        d.status = intAt(line, pos, end, 3);
        if (d.status < 0) return parseError('bad_status', clip(line.slice(pos, end)));
      } else if (kind === Field.BYTES_BODY || kind === Field.BYTES_TOTAL) {
        const dashOnly = end - pos === 1 && line.charCodeAt(pos) === 45;
        d.bytes = dashOnly ? (kind === Field.BYTES_BODY ? 0 : -1) : intAt(line, pos, end, 15);
      } else if (kind === Field.TIME_CLF) {
        d.ts = this.clf.parseAt(line, pos, end);
        if (Number.isNaN(d.ts)) return parseError('bad_timestamp', clip(line.slice(pos, end)));
      } else if (kind === Field.REQUEST) {
        this.readRequest(line, pos, end);
      } else if (kind !== Field.SKIP && !(end - pos === 1 && line.charCodeAt(pos) === 45)) {
        const err = this.apply(i, line.slice(pos, end));
        if (err !== undefined) return err;
      }
      pos = end + term.length;
    }
    return this.finisher.finish(d, source, lineNo, raw);
  }

  private readRequest(line: string, start: number, end: number): void {
    const d = this.draft;
    const p = this.parts;
    splitRequestAt(line, start, end, p);
    d.method = p.method;
    d.path = p.path;
    d.query = p.query;
    d.protocol = p.protocol;
    if (!this.hasHost && p.host !== '') d.host = p.host;
  }

  /**
   * Stores one string-valued field in the draft; returns an error result when the value is invalid.
   * Status, byte counts, CLF time, the request line and '-' values are handled by the caller without a
   * substring.
   */
  private apply(i: number, v: string): ParseResult | undefined {
    const d = this.draft;
    switch (this.kinds[i]) {
      case Field.SKIP:
        return undefined;
      case Field.CLIENT:
        d.socket = v;
        return undefined;
      case Field.USER:
        d.user = v === '-' || v === '' ? undefined : this.decode(v);
        return undefined;
      case Field.TIME_ISO:
        d.ts = this.iso.parse(v);
        return Number.isNaN(d.ts) ? parseError('bad_timestamp', clip(v)) : undefined;
      case Field.TIME_EPOCH:
        d.ts = parseEpochText(v);
        return Number.isNaN(d.ts) ? parseError('bad_timestamp', clip(v)) : undefined;
      case Field.METHOD:
        d.method = v === '-' ? '' : v;
        return undefined;
      case Field.REQUEST_URI: {
        const p = this.parts;
        splitTarget(v === '-' ? '' : v, p);
        d.path = p.path;
        d.query = p.query;
        if (!this.hasHost && p.host !== '') d.host = p.host;
        return undefined;
      }
      case Field.PATH:
        d.path = v === '-' ? '' : v;
        return undefined;
      case Field.QUERY:
        d.query = v === '-' ? '' : v.charCodeAt(0) === 63 ? v.slice(1) : v;
        return undefined;
      case Field.REQ_TIME_S:
        d.requestTime = parseSeconds(v);
        return undefined;
      case Field.REQ_TIME_MS: {
        const s = parseSeconds(v);
        d.requestTime = s === undefined ? undefined : s / 1000;
        return undefined;
      }
      case Field.REQ_TIME_US: {
        const s = parseSeconds(v);
        d.requestTime = s === undefined ? undefined : s / 1e6;
        return undefined;
      }
      case Field.HOST:
        d.host = v === '-' ? '' : hostOfAuthority(v);
        return undefined;
      case Field.SERVER_NAME:
        if (!this.hasHost && d.host === '' && v !== '-') d.host = hostOfAuthority(v);
        return undefined;
      case Field.REFERER:
        d.referer = v === '-' ? '' : this.decode(v);
        return undefined;
      case Field.USER_AGENT:
        d.userAgent = v === '-' ? '' : this.decode(v);
        return undefined;
      case Field.FORWARDED_FOR:
        d.forwardedFor = v === '-' ? '' : v;
        return undefined;
      case Field.KEY_HEADER:
        if (v !== '-' && v !== '') d.offerKey(this.ranks[i]!, this.fields[i]!.header, this.decode(v));
        return undefined;
      case Field.PROTOCOL:
        d.protocol = v === '-' ? '' : v;
        return undefined;
      default:
        return undefined;
    }
  }
}

function identity(s: string): string {
  return s;
}

/**
 * Index of the quote that closes a quoted field starting at `from`: the first one not backslash-escaped,
 * which must be followed by the rest of `term`. For the last field a raw quote inside the value is tolerated: the closing quote is
 * the one followed by end of line or by what looks like more fields, else the line's last quote. -1 when
 * there is none.
 */
export function findClosingQuote(line: string, from: number, term: string, last: boolean): number {
  let q = line.indexOf('"', from);
  while (q >= 0) {
    if (!isEscaped(line, q, from)) {
      // Servers escape quotes inside values, so before the last field the first unescaped quote must
      // close the value; tolerating raw quotes there would let a longer layout swallow a shorter one.
      if (!last) return line.startsWith(term, q) ? q : -1;
      if (term.length > 1) {
        if (line.startsWith(term, q)) return q;
        q = line.indexOf('"', q + 1);
        continue;
      }
      // Extra text after the layout is accepted when it looks like more fields: a space, then text
      // with balanced quotes. An odd count means this quote was inside the value.
      const next = q + 1;
      if (next === line.length) return q;
      if (line.charCodeAt(next) === 32 && quoteCount(line, next) % 2 === 0) return q;
    }
    q = line.indexOf('"', q + 1);
  }
  if (last) {
    const lq = line.lastIndexOf('"');
    return lq >= from ? lq : -1;
  }
  return -1;
}

function quoteCount(line: string, from: number): number {
  let n = 0;
  for (let q = line.indexOf('"', from); q >= 0; q = line.indexOf('"', q + 1)) if (!isEscaped(line, q, from)) n++;
  return n;
}

function isEscaped(line: string, q: number, from: number): boolean {
  let k = q - 1;
  while (k >= from && line.charCodeAt(k) === 92) k--;
  return (q - 1 - k) % 2 === 1;
}
