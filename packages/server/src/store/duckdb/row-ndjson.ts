/**
 * Serializes one enriched event as the NDJSON journal line `read_json` loads (columns in EVENT_COLUMNS).
 * Hand-written because `JSON.stringify` of a fresh 32-key object per event was the largest cost of the
 * ingest path; strings are escaped by JSON.stringify only when they contain a character that needs it
 * (most log fields never do). The output MUST stay valid JSON for any input: everything is attacker text.
 * `eventRowLine` is the reference form; the store writes the same bytes with `RowWriter` (below).
 */
import { type EnrichedEvent, parseIp } from '@rampart/core';

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

/**
 * Writes journal lines straight into a reused byte buffer, the same bytes as `eventRowLine` (the tests
 * compare them) without building a string per line: ASCII text is copied char by char in JS, and only a
 * string holding a character JSON must escape, or any non-ASCII character, goes through `JSON.stringify`.
 * Building 32-part line strings and encoding them cost more CPU than parsing, enriching and detecting.
 */
export class RowWriter {
  private buf = Buffer.allocUnsafe(1 << 22);
  private pos = 0;

  /** Appends the journal line of one event. */
  event(e: EnrichedEvent, templatePath: (path: string) => string): void {
    const r = e.req;
    const ip = parseIp(r.ip);
    this.raw('{"ts":');
    this.num(r.ts);
    this.raw(',"ip":');
    this.str(r.ip);
    this.raw(',"ip4":');
    if (ip?.version === 4) this.num(ip.value as number);
    else this.raw('null');
    if (ip?.version === 6) {
      const v = ip.value as bigint;
      this.raw(`,"ip6_hi":"${v >> 64n}","ip6_lo":"${v & MASK64}"`);
    } else this.raw(',"ip6_hi":null,"ip6_lo":null');
    this.raw(',"method":');
    this.str(r.method);
    this.raw(',"host":');
    this.str(r.host);
    this.raw(',"path":');
    this.str(r.path);
    this.raw(',"path_template":');
    this.str(templatePath(r.path));
    this.raw(',"query":');
    this.str(r.query);
    this.raw(',"status":');
    this.num(r.status);
    this.raw(',"bytes":');
    this.num(r.bytes);
    this.raw(',"request_time":');
    this.num(r.requestTime);
    this.raw(',"referer":');
    this.str(r.referer);
    this.raw(',"user_agent":');
    this.str(r.userAgent);
    this.raw(',"protocol":');
    this.str(r.protocol);
    this.raw(',"api_key":');
    this.optStr(r.apiKey);
    this.raw(',"user_name":');
    this.optStr(r.user);
    this.raw(',"session":');
    this.optStr(r.session);
    this.raw(',"country":');
    this.optStr(e.net.country ?? r.country);
    this.raw(',"asn":');
    this.num(e.net.asn ?? r.asn);
    this.raw(',"org":');
    this.optStr(e.net.org);
    this.raw(',"network_type":');
    this.str(e.net.networkType);
    this.raw(',"ua_class":');
    this.str(e.ua.class);
    this.raw(',"ua_family":');
    this.optStr(e.ua.family);
    this.raw(',"crawler":');
    this.optStr(e.crawler?.family);
    const verified = e.crawler?.verified;
    this.raw(verified === undefined ? ',"crawler_verified":null' : `,"crawler_verified":${verified}`);
    this.raw(',"service":');
    this.str(e.service);
    this.raw(',"source":');
    this.str(r.source);
    this.raw(',"line":');
    this.num(r.line);
    this.raw('}\n');
  }

  /** The bytes written since the last `take`, as an exact-size copy (the buffer is reused). */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    this.pos = 0;
    return out;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** ASCII text that needs no escaping (keys, punctuation, digits). */
  private raw(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  private str(s: string): void {
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
    if (s === undefined) this.raw('null');
    else this.str(s);
  }

  private num(n: number | undefined): void {
    if (n === undefined || !Number.isFinite(n)) this.raw('null');
    else this.raw(String(n));
  }
}
