/**
 * Serializes one enriched event as the NDJSON journal line `read_json` loads (columns in EVENT_COLUMNS).
 * Hand-written because `JSON.stringify` of a fresh 32-key object per event was the largest cost of the
 * ingest path; strings are escaped by JSON.stringify only when they contain a character that needs it
 * (most log fields never do). The output MUST stay valid JSON for any input: everything is attacker text.
 * `RowWriter` encodes each line into one reused scratch buffer as it is made, so a batch never becomes a
 * rope of 20k strings flattened into one 12 MB string (a large-object allocation per batch, and GC work).
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
    `"client":${str(e.client)},"subnet":${str(e.subnet)},"method":${str(r.method)},"host":${str(r.host)},` +
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

/** Collects journal lines as UTF-8 bytes; `take` returns the batch as one exact-size Buffer. */
export class RowWriter {
  private scratch = Buffer.allocUnsafe(1 << 20);
  private length = 0;

  add(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const room = line.length * 3;
    if (this.length + room > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.length + room));
      this.scratch.copy(bigger, 0, 0, this.length);
      this.scratch = bigger;
    }
    this.length += this.scratch.write(line, this.length);
  }

  /** The bytes added since the last `take` (a copy: the scratch buffer is reused). */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    this.scratch.copy(out, 0, 0, this.length);
    this.length = 0;
    return out;
  }
}
