/**
 * The mutable scratch record a parser fills while it walks a line, and the step that turns it into a
 * `RequestEvent`: client address through the forwarded-for rule, API key by configured preference,
 * validation into a reason. One draft per parser instance, reused for every line, so the hot path
 * allocates only the event itself (built with the same property order as `makeRequestEvent`, hence the
 * same hidden class).
 */
import { keyFromHeader, keyFromQuery } from '../../event/api-key.js';
import { ClientAddressResolver } from '../../event/forwarded-for.js';
import type { RequestEvent } from '../../event/request-event.js';
import { internString } from '../../util/detach-string.js';
import { type ParseOptions, type ParseResult, parseError } from '../parser.js';

export class EventDraft {
  ts = Number.NaN;
  /** Socket / client address text as logged (may carry a port). */
  socket = '';
  /** Raw X-Forwarded-For value, '' when absent. */
  forwardedFor = '';
  method = '';
  host = '';
  path = '';
  query = '';
  status = 0;
  bytes = -1;
  requestTime: number | undefined = undefined;
  referer = '';
  userAgent = '';
  protocol = '';
  user: string | undefined = undefined;
  session: string | undefined = undefined;
  country: string | undefined = undefined;
  asn: number | undefined = undefined;
  /** Best API-key candidate so far: its header name, raw value and preference rank (lower wins). */
  keyHeader = '';
  keyValue = '';
  keyRank = Number.POSITIVE_INFINITY;

  reset(): void {
    this.ts = Number.NaN;
    this.socket = '';
    this.forwardedFor = '';
    this.method = '';
    this.host = '';
    this.path = '';
    this.query = '';
    this.status = 0;
    this.bytes = -1;
    this.requestTime = undefined;
    this.referer = '';
    this.userAgent = '';
    this.protocol = '';
    this.user = undefined;
    this.session = undefined;
    this.country = undefined;
    this.asn = undefined;
    this.keyHeader = '';
    this.keyValue = '';
    this.keyRank = Number.POSITIVE_INFINITY;
  }

  /** Offers a header value as API key; `rank` is the header's index in `apiKeyHeaders`. */
  offerKey(rank: number, header: string, value: string): void {
    if (rank < this.keyRank && value !== '' && value !== '-') {
      this.keyRank = rank;
      this.keyHeader = header;
      this.keyValue = value;
    }
  }
}

/** Turns drafts into events under one set of options; built once per parser. */
export class EventFinisher {
  readonly options: ParseOptions;
  readonly resolver: ClientAddressResolver;
  /** `apiKeyHeaders`, lower-case with '-' for '_', for rank lookups. */
  readonly keyHeaders: readonly string[];

  constructor(options: ParseOptions) {
    this.options = options;
    this.resolver = new ClientAddressResolver(options.trustedProxies);
    this.keyHeaders = options.apiKeyHeaders.map(normalizeHeaderName);
  }

  /** Preference rank of a header name (any case, `-` or `_`), or -1 when it is not a key header. */
  keyRank(header: string): number {
    return this.keyHeaders.indexOf(normalizeHeaderName(header));
  }

  finish(d: EventDraft, source: string, line: number, raw: string): ParseResult {
    if (Number.isNaN(d.ts)) return parseError('bad_timestamp', 'no valid timestamp');
    const ip = this.resolver.resolve(d.socket, d.forwardedFor);
    if (ip === undefined) return parseError('bad_address', clip(d.socket || d.forwardedFor));
    let apiKey = d.keyRank !== Number.POSITIVE_INFINITY ? keyFromHeader(d.keyHeader, d.keyValue) : undefined;
    if (apiKey === undefined && d.query !== '') apiKey = keyFromQuery(d.query, this.options.apiKeyParams);
    const event: RequestEvent = {
      ts: d.ts,
      ip,
      method: d.method,
      host: d.host,
      path: internString(d.path),
      query: d.query,
      status: d.status,
      bytes: d.bytes,
      requestTime: d.requestTime,
      referer: d.referer,
      userAgent: internString(d.userAgent),
      protocol: d.protocol,
      apiKey,
      user: d.user,
      session: d.session,
      country: d.country,
      asn: d.asn,
      source,
      line,
      raw,
    };
    return { kind: 'event', event };
  }
}

/** `X_Api_Key` and `x-api-key` name the same header (nginx spells headers with underscores). */
export function normalizeHeaderName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** Shortens attacker-controlled text for an error detail. */
export function clip(s: string, max = 80): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

/** Parses a decimal status code 0–999; -1 when the text is not one. */
export function parseStatus(s: string): number {
  if (s.length === 0 || s.length > 3) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Non-negative integer of at most `maxLen` digits in `s[start, end)`; -1 when empty, longer or not digits. */
export function intAt(s: string, start: number, end: number, maxLen: number): number {
  if (end <= start || end - start > maxLen) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Parses a non-negative integer byte count; '-' and '' are -1 (unknown), garbage too. */
export function parseCount(s: string): number {
  if (s.length === 0 || s.length > 15) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Parses a non-negative decimal number (`0.123`); undefined for '-' or garbage. */
export function parseSeconds(s: string): number | undefined {
  if (s.length === 0 || s === '-') return undefined;
  const v = Number(s);
  return Number.isFinite(v) && v >= 0 ? v : undefined;
}
