/**
 * Formats lab requests as log lines: nginx `combined` and Cloudflare Logpush `http_requests` NDJSON
 * (RFC 3339 timestamps, lower-case country as Logpush writes it). Timestamps are formatted once per
 * second and reused, because a day has far fewer seconds than lines.
 */
import type { LabRequest } from './lab-request.js';
import type { LabNetwork } from './network-catalog.js';

export const LAB_FORMATS = ['nginx', 'cloudflare'] as const;
export type LabFormat = (typeof LAB_FORMATS)[number];
export const FORMAT_FILES: Readonly<Record<LabFormat, string>> = { nginx: 'access.log', cloudflare: 'cloudflare.json' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Caches the formatted second: consecutive lines almost always share it. */
class SecondCache {
  private second = Number.NaN;
  nginx = '';
  rfc3339 = '';

  at(ts: number): this {
    const s = Math.floor(ts / 1000);
    if (s !== this.second) {
      this.second = s;
      const d = new Date(s * 1000);
      const hms = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
      this.nginx = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms} +0000`;
      this.rfc3339 = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${hms}Z`;
    }
    return this;
  }
}

/** JSON string literal; the fast path skips JSON.stringify for the (usual) strings that need no escaping. */
function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** nginx escapes '"' and '\' and non-printable bytes as \xHH in `combined`; lab strings carry none of them. */
export class NginxCombinedWriter {
  private readonly time = new SecondCache();

  line(r: LabRequest): string {
    const t = this.time.at(r.ts).nginx;
    return `${r.ip} - - [${t}] "${r.method} ${r.uri} ${r.protocol}" ${r.status} ${r.bytes} "${r.referer || '-'}" "${r.userAgent || '-'}"\n`;
  }
}

export class CloudflareWriter {
  private readonly time = new SecondCache();

  constructor(private readonly networkOf: (ip: string) => LabNetwork | undefined) {}

  line(r: LabRequest): string {
    const t = this.time.at(r.ts).rfc3339;
    const net = this.networkOf(r.ip);
    const headers = r.apiKey === '' ? '{}' : `{"x-api-key":${jsonString(r.apiKey)}}`;
    return (
      `{"ClientIP":"${r.ip}","ClientRequestHost":"${r.host}","ClientRequestMethod":"${r.method}",` +
      `"ClientRequestURI":${jsonString(r.uri)},"ClientRequestProtocol":"${r.protocol}",` +
      `"ClientRequestUserAgent":${jsonString(r.userAgent)},"ClientRequestReferer":${jsonString(r.referer)},` +
      `"EdgeResponseStatus":${r.status},"EdgeResponseBytes":${r.bytes},"EdgeStartTimestamp":"${t}",` +
      `"RequestHeaders":${headers},"ClientASN":${net?.asn ?? 0},"ClientCountry":"${(net?.country ?? '').toLowerCase()}"}\n`
    );
  }
}
