/**
 * Reads one JSON object per line through a compiled field map. Tolerates a container-runtime prefix
 * (`2025-01-01T00:00:00Z stdout F {…}`, as containerd/CRI writes pod logs) or a syslog header.
 * Timestamps may be RFC 3339 text, CLF text, or epoch numbers/text in s, ms, µs or ns (unit by
 * magnitude). Values that are not usable become a reason, never an exception.
 */
import type { LineParser, ParseOptions, ParseResult } from '../parser.js';
import { parseError, SKIP } from '../parser.js';
import { clip, EventDraft, EventFinisher, normalizeHeaderName } from '../shared/event-draft.js';
import { hostOfAuthority, newRequestParts, splitRequestLine, splitTarget } from '../shared/request-line.js';
import { epochToMs, parseAnyTime } from '../shared/timestamps.js';
import { wrappedMessageStart } from '../shared/wrapped-line.js';
import { asText, type CompiledFieldMap, readPath } from './json-field-map.js';

const AUTH_SCHEME = /^(bearer|token|basic|digest|apikey) /i;

export interface JsonParserSettings {
  /** Top-level keys that hold request headers as `<prefix><Header-Name>` (Traefik: `request_`). */
  readonly headerPrefix?: string;
  /** Upper-cases a country code (Cloudflare writes `us`). */
  readonly upperCaseCountry?: boolean;
}

export class JsonLineParser implements LineParser {
  readonly format: string;
  private readonly map: CompiledFieldMap;
  private readonly finisher: EventFinisher;
  private readonly draft = new EventDraft();
  private readonly parts = newRequestParts();
  private readonly prefixedKeyHeaders: readonly string[];
  private readonly upperCaseCountry: boolean;

  constructor(format: string, map: CompiledFieldMap, options: ParseOptions, settings: JsonParserSettings = {}) {
    this.format = format;
    this.map = map;
    this.finisher = new EventFinisher(options);
    const prefix = settings.headerPrefix;
    this.prefixedKeyHeaders =
      prefix === undefined ? [] : this.finisher.keyHeaders.map((h) => prefix + canonicalHeader(h));
    this.upperCaseCountry = settings.upperCaseCountry ?? false;
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
    let text = line;
    if (line.charCodeAt(0) !== 123 /* { */) {
      const start = wrappedMessageStart(line);
      if (start < 0 || line.charCodeAt(start) !== 123) return parseError('format_mismatch', clip(line));
      text = line.slice(start);
    }
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      return parseError(text.trimEnd().endsWith('}') ? 'bad_json' : 'truncated', clip(line));
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return parseError('bad_json', clip(line));
    return this.fromObject(obj as Record<string, unknown>, source, lineNo, line);
  }

  private fromObject(o: Record<string, unknown>, source: string, lineNo: number, raw: string): ParseResult {
    const m = this.map;
    const d = this.draft;
    d.reset();
    const tsValue = readPath(o, m.ts!);
    if (tsValue === undefined) return parseError('missing_field', 'timestamp');
    d.ts = timeOf(tsValue);
    if (Number.isNaN(d.ts)) return parseError('bad_timestamp', clip(asText(tsValue)));
    const statusValue = readPath(o, m.status!);
    if (statusValue === undefined) return parseError('missing_field', 'status');
    d.status = statusOf(statusValue);
    if (d.status < 0) return parseError('bad_status', clip(asText(statusValue)));
    if (m.ip !== undefined) d.socket = asText(readPath(o, m.ip));
    if (m.forwardedFor !== undefined) d.forwardedFor = dash(asText(readPath(o, m.forwardedFor)));
    if (d.socket.indexOf(',') >= 0) {
      // A proxy that wrote its forwarded-for chain into the client field (Traefik ClientHost does):
      // apply the forwarded-for rule to it rather than reject the line.
      d.forwardedFor = d.forwardedFor === '' ? d.socket : `${d.forwardedFor}, ${d.socket}`;
      d.socket = '';
    }
    if (d.socket === '' && d.forwardedFor === '') return parseError('missing_field', 'client address');
    if (!this.readRequest(o)) return parseError('missing_field', 'request path');
    if (m.method !== undefined) d.method = dash(asText(readPath(o, m.method))) || d.method;
    if (m.host !== undefined) {
      const h = dash(asText(readPath(o, m.host)));
      if (h !== '') d.host = hostOfAuthority(h);
    }
    if (m.protocol !== undefined) d.protocol = dash(asText(readPath(o, m.protocol))) || d.protocol;
    if (m.bytes !== undefined) d.bytes = countOf(readPath(o, m.bytes));
    d.requestTime = this.requestTime(o, d.ts);
    if (m.referer !== undefined) d.referer = dash(asText(readPath(o, m.referer)));
    if (m.userAgent !== undefined) d.userAgent = dash(asText(readPath(o, m.userAgent)));
    if (m.user !== undefined) d.user = dash(asText(readPath(o, m.user))) || undefined;
    if (m.session !== undefined) d.session = dash(asText(readPath(o, m.session))) || undefined;
    if (m.country !== undefined) {
      const c = dash(asText(readPath(o, m.country)));
      d.country = c === '' ? undefined : this.upperCaseCountry ? c.toUpperCase() : c;
    }
    if (m.asn !== undefined) {
      const a = Number(asText(readPath(o, m.asn)));
      d.asn = Number.isInteger(a) && a > 0 ? a : undefined;
    }
    this.readApiKey(o);
    return this.finisher.finish(d, source, lineNo, raw);
  }

  /** Method, path, query, protocol and absolute-URI host; false when no path-like field is present. */
  private readRequest(o: Record<string, unknown>): boolean {
    const m = this.map;
    const d = this.draft;
    const p = this.parts;
    if (m.request !== undefined) {
      const r = asText(readPath(o, m.request));
      if (r !== '') {
        splitRequestLine(r, p);
        d.method = p.method;
        d.protocol = p.protocol;
        d.path = p.path;
        d.query = p.query;
        d.host = p.host;
        return true;
      }
    }
    const target = m.uri ?? m.path;
    if (target === undefined) return false;
    const t = asText(readPath(o, target));
    if (t === '') return false;
    splitTarget(t, p);
    d.path = p.path;
    d.query = p.query;
    d.host = p.host;
    if (m.query !== undefined) {
      const q = asText(readPath(o, m.query));
      if (q !== '' && q !== '-') d.query = q.charCodeAt(0) === 63 ? q.slice(1) : q;
    }
    return true;
  }

  private requestTime(o: Record<string, unknown>, start: number): number | undefined {
    const m = this.map;
    if (m.tsEnd !== undefined) {
      const end = readPath(o, m.tsEnd);
      if (end !== undefined) {
        const e = timeOf(end);
        if (e >= start) return (e - start) / 1000;
      }
    }
    if (m.requestTime !== undefined) return secondsOf(readPath(o, m.requestTime), 1);
    if (m.requestTimeMs !== undefined) return secondsOf(readPath(o, m.requestTimeMs), 1e3);
    if (m.requestTimeUs !== undefined) return secondsOf(readPath(o, m.requestTimeUs), 1e6);
    if (m.requestTimeNs !== undefined) return secondsOf(readPath(o, m.requestTimeNs), 1e9);
    return undefined;
  }

  private readApiKey(o: Record<string, unknown>): void {
    const m = this.map;
    const d = this.draft;
    if (m.apiKey !== undefined) {
      const k = dash(asText(readPath(o, m.apiKey)));
      // A mapped field holding an Authorization value is hashed like the header, never kept in clear.
      if (k !== '') d.offerKey(-1, AUTH_SCHEME.test(k) ? 'authorization' : 'x-api-key', k);
    }
    const keyHeaders = this.finisher.keyHeaders;
    for (let i = 0; i < this.prefixedKeyHeaders.length; i++) {
      const v = o[this.prefixedKeyHeaders[i]!];
      if (v !== undefined) d.offerKey(i, keyHeaders[i]!, asText(v));
    }
    if (m.headers === undefined) return;
    const headers = readPath(o, m.headers);
    if (typeof headers !== 'object' || headers === null) return;
    for (const name in headers) {
      const rank = keyHeaders.indexOf(normalizeHeaderName(name));
      if (rank >= 0) d.offerKey(rank, keyHeaders[rank]!, asText((headers as Record<string, unknown>)[name]));
    }
  }
}

/** Go/HTTP canonical header case: `x-api-key` → `X-Api-Key`. */
function canonicalHeader(h: string): string {
  return h.replace(/(^|-)([a-z])/g, (_, dashPart: string, c: string) => dashPart + c.toUpperCase());
}

function dash(s: string): string {
  return s === '-' ? '' : s;
}

function timeOf(v: unknown): number {
  if (typeof v === 'number') return epochToMs(v);
  return typeof v === 'string' ? parseAnyTime(v) : Number.NaN;
}

function statusOf(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 999 ? n : -1;
}

function countOf(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

function secondsOf(v: unknown, perSecond: number): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n / perSecond : undefined;
}
