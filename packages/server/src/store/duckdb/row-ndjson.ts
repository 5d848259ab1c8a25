/**
 * Serializes one enriched event as the NDJSON journal line `read_json` loads (columns in EVENT_COLUMNS).
 * Hand-written because `JSON.stringify` of a fresh 32-key object per event was the largest cost of the
 * ingest path; strings are escaped by JSON.stringify only when they contain a character that needs it
 * (most log fields never do). The output MUST stay valid JSON for any input: everything is attacker text.
 * `eventRowLine` is the reference form; the store writes the same bytes with `RowWriter` (below).
 */
import { detachString, type EnrichedEvent, type IpInfo, parseIp, type UaInfo } from '@rampart/core';

const MASK64 = (1n << 64n) - 1n;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

const str = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);
const optStr = (s: string | undefined): string => (s === undefined ? 'null' : str(s));
const num = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? 'null' : String(n));

export function eventRowLine(e: EnrichedEvent, templatePath: (path: string) => string): string {
  const r = e.req;
  const ip = parseIp(r.ip);
  let ip4 = 'null';
  let hi = 'null';
  let lo = 'null';
  if (ip?.version === 4) ip4 = String(ip.value as number);
  else if (ip?.version === 6) {
    const v = ip.value as bigint;
    // UBIGINT halves travel as strings: JSON numbers would lose precision past 2^53.
    hi = `"${v >> 64n}"`;
    lo = `"${v & MASK64}"`;
  }
  const crawlerVerified = e.crawler?.verified;
  return (
    `{"ts":${num(r.ts)},"ip":${str(r.ip)},"ip4":${ip4},"ip6_hi":${hi},"ip6_lo":${lo},` +
    `"method":${str(r.method)},"host":${str(r.host)},` +
    `"path":${str(r.path)},"path_template":${str(templatePath(r.path))},"query":${str(r.query)},` +
    `"status":${num(r.status)},"bytes":${num(r.bytes)},"request_time":${num(r.requestTime)},` +
    `"referer":${str(r.referer)},"user_agent":${str(r.userAgent)},"protocol":${str(r.protocol)},` +
    `"api_key":${optStr(r.apiKey)},"user_name":${optStr(r.user)},"session":${optStr(r.session)},` +
    `"country":${optStr(e.net.country ?? r.country)},"asn":${num(e.net.asn ?? r.asn)},"org":${optStr(e.net.org)},` +
    `"network_type":${str(e.net.networkType)},"ua_class":${str(e.ua.class)},"ua_family":${optStr(e.ua.family)},` +
    `"crawler":${optStr(e.crawler?.family)},"crawler_verified":${crawlerVerified === undefined ? 'null' : crawlerVerified},` +
    `"service":${str(e.service)},"source":${str(r.source)},"line":${num(r.line)}}\n`
  );
}

/** Strings at least this long are looked up in the encoded-string cache (shorter ones are copied faster). */
const CACHED_MIN = 12;
/** Entries a cache keeps before it starts over (a day of logs repeats few agents, referers, addresses). */
const CACHE_MAX = 20_000;

/** The constant parts of a line, as bytes. */
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const K = {
  ts: ascii('{"ts":'),
  ip: ascii(',"ip":'),
  ip4: ascii(',"ip4":'),
  noIp6: ascii(',"ip6_hi":null,"ip6_lo":null'),
  method: ascii(',"method":'),
  host: ascii(',"host":'),
  path: ascii(',"path":'),
  template: ascii(',"path_template":'),
  query: ascii(',"query":'),
  status: ascii(',"status":'),
  bytes: ascii(',"bytes":'),
  requestTime: ascii(',"request_time":'),
  referer: ascii(',"referer":'),
  userAgent: ascii(',"user_agent":'),
  protocol: ascii(',"protocol":'),
  apiKey: ascii(',"api_key":'),
  user: ascii(',"user_name":'),
  session: ascii(',"session":'),
  country: ascii(',"country":'),
  asn: ascii(',"asn":'),
  org: ascii(',"org":'),
  networkType: ascii(',"network_type":'),
  uaClass: ascii(',"ua_class":'),
  uaFamily: ascii(',"ua_family":'),
  crawler: ascii(',"crawler":'),
  verifiedNull: ascii(',"crawler_verified":null'),
  verifiedTrue: ascii(',"crawler_verified":true'),
  verifiedFalse: ascii(',"crawler_verified":false'),
  service: ascii(',"service":'),
  source: ascii(',"source":'),
  line: ascii(',"line":'),
  end: ascii('}\n'),
  null: ascii('null'),
};

/**
 * Writes journal lines straight into a reused byte buffer, the same bytes as `eventRowLine` (the tests
 * compare them) without building a string per line: ASCII text is copied byte by byte in JS, and only a
 * string holding a character JSON must escape, or any non-ASCII character, goes through `JSON.stringify`.
 * Building 32-part line strings and encoding them cost more CPU than parsing, enriching and detecting.
 *
 * What repeats from row to row is encoded once and copied as a block: longer strings (user agents,
 * referers, paths, the source name) by string; the address columns by address; the network columns by
 * the event's `IpInfo` and the user-agent columns by its `UaInfo` (the enricher shares one object per
 * address and per user agent; both are readonly, so an object's bytes MUST NOT change — a new object is
 * only a cache miss).
 */
export class RowWriter {
  private buf = Buffer.allocUnsafe(1 << 22);
  private pos = 0;
  private strings = new Map<string, Uint8Array>();
  private addresses = new Map<string, Uint8Array>();
  private nets = new Map<IpInfo, Uint8Array>();
  private uas = new Map<UaInfo, Uint8Array>();

  /** Appends the journal line of one event. */
  event(e: EnrichedEvent, templatePath: (path: string) => string): void {
    const r = e.req;
    this.bytes(K.ts);
    this.num(r.ts);
    const ip = this.addresses.get(r.ip);
    if (ip !== undefined) this.bytes(ip);
    // Cache keys outlive the event: copied, so a key does not pin the log chunk it was cut from.
    else this.addresses = this.remember(this.addresses, detachString(r.ip), this.address(r.ip));
    this.bytes(K.method);
    this.str(r.method);
    this.bytes(K.host);
    this.str(r.host);
    this.bytes(K.path);
    this.str(r.path);
    this.bytes(K.template);
    this.str(templatePath(r.path));
    this.bytes(K.query);
    this.str(r.query);
    this.bytes(K.status);
    this.num(r.status);
    this.bytes(K.bytes);
    this.num(r.bytes);
    this.bytes(K.requestTime);
    this.num(r.requestTime);
    this.bytes(K.referer);
    this.str(r.referer);
    this.bytes(K.userAgent);
    this.str(r.userAgent);
    this.bytes(K.protocol);
    this.str(r.protocol);
    this.bytes(K.apiKey);
    this.optStr(r.apiKey);
    this.bytes(K.user);
    this.optStr(r.user);
    this.bytes(K.session);
    this.optStr(r.session);
    // The request's own country and ASN count only where the lookup has none: cached when it has none.
    if (r.country === undefined && r.asn === undefined) {
      const net = this.nets.get(e.net);
      if (net !== undefined) this.bytes(net);
      else this.nets = this.remember(this.nets, e.net, this.network(e));
    } else this.network(e);
    const ua = this.uas.get(e.ua);
    if (ua !== undefined) this.bytes(ua);
    else this.uas = this.remember(this.uas, e.ua, this.userAgent(e.ua));
    this.bytes(K.crawler);
    this.optStr(e.crawler?.family);
    const verified = e.crawler?.verified;
    this.bytes(verified === undefined ? K.verifiedNull : verified ? K.verifiedTrue : K.verifiedFalse);
    this.bytes(K.service);
    this.str(e.service);
    this.bytes(K.source);
    this.str(r.source);
    this.bytes(K.line);
    this.num(r.line);
    this.bytes(K.end);
  }

  /** The bytes written since the last `take`, as an exact-size copy (the buffer is reused). */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    this.pos = 0;
    return out;
  }

  /** The `ip`, `ip4`, `ip6_hi` and `ip6_lo` columns; returns where they start. */
  private address(text: string): number {
    const start = this.pos;
    const ip = parseIp(text);
    this.bytes(K.ip);
    this.str(text);
    this.bytes(K.ip4);
    if (ip?.version === 4) this.num(ip.value as number);
    else this.bytes(K.null);
    if (ip?.version === 6) {
      const v = ip.value as bigint;
      this.raw(`,"ip6_hi":"${v >> 64n}","ip6_lo":"${v & MASK64}"`);
    } else this.bytes(K.noIp6);
    return start;
  }

  /** The `country`, `asn`, `org` and `network_type` columns; returns where they start. */
  private network(e: EnrichedEvent): number {
    const start = this.pos;
    this.bytes(K.country);
    this.optStr(e.net.country ?? e.req.country);
    this.bytes(K.asn);
    this.num(e.net.asn ?? e.req.asn);
    this.bytes(K.org);
    this.optStr(e.net.org);
    this.bytes(K.networkType);
    this.str(e.net.networkType);
    return start;
  }

  /** The `ua_class` and `ua_family` columns; returns where they start. */
  private userAgent(ua: UaInfo): number {
    const start = this.pos;
    this.bytes(K.uaClass);
    this.str(ua.class);
    this.bytes(K.uaFamily);
    this.optStr(ua.family);
    return start;
  }

  /** Caches the bytes written since `start` under `key`; the cache to keep (a new one once full). */
  private remember<T>(cache: Map<T, Uint8Array>, key: T, start: number): Map<T, Uint8Array> {
    const next = cache.size >= CACHE_MAX ? new Map<T, Uint8Array>() : cache;
    next.set(key, Uint8Array.prototype.slice.call(this.buf, start, this.pos));
    return next;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  private bytes(src: Uint8Array): void {
    const n = src.length;
    this.room(n);
    if (n > 32) {
      this.buf.set(src, this.pos);
      this.pos += n;
      return;
    }
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = src[i]!;
    this.pos = p;
  }

  /** ASCII text that needs no escaping (digits, punctuation). */
  private raw(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  private str(s: string): void {
    if (s.length < CACHED_MIN) {
      this.encode(s);
      return;
    }
    const hit = this.strings.get(s);
    if (hit !== undefined) this.bytes(hit);
    else {
      const start = this.pos;
      this.encode(s);
      this.strings = this.remember(this.strings, detachString(s), start);
    }
  }

  /** The JSON string literal of `s`, quotes included. */
  private encode(s: string): void {
    const n = s.length;
    this.room(n + 2);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // '"', '\\', control characters and anything non-ASCII: JSON.stringify escapes and encodes it right.
      if (c < 0x20 || c === 34 || c === 92 || c > 0x7e) {
        const json = JSON.stringify(s);
        this.room(json.length * 3);
        this.pos += this.buf.write(json, this.pos, 'utf8');
        return;
      }
      b[p++] = c;
    }
    b[p++] = 34;
    this.pos = p;
  }

  private optStr(s: string | undefined): void {
    if (s === undefined) this.bytes(K.null);
    else this.str(s);
  }

  private num(n: number | undefined): void {
    if (n === undefined || !Number.isFinite(n)) this.bytes(K.null);
    else this.raw(String(n));
  }
}
