/**
 * Parses one syslog message, RFC 5424 or RFC 3164 (BSD), as nginx's `access_log syslog:server=…` and
 * rsyslog send them, into its header fields and the message (the access-log line itself). Malformed
 * messages yield a reason, never an exception. The header timestamp is informational: event time comes
 * from the log line the message carries.
 */

export interface SyslogMessage {
  readonly facility: number;
  readonly severity: number;
  readonly hostname: string;
  readonly appName: string;
  readonly message: string;
}

export type SyslogParse = { ok: true; value: SyslogMessage } | { ok: false; reason: string };

const PRI_RE = /^<(\d{1,3})>/;
// RFC 5424: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]
const RFC5424_RE = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) /;
// RFC 3164: TIMESTAMP ("Mmm dd hh:mm:ss") SP HOSTNAME SP TAG[PID]: MSG
const RFC3164_RE = /^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) (\S+) ([^:\s[]{1,48})(?:\[\d+\])?: ?/;

export function parseSyslogMessage(input: string): SyslogParse {
  const text = input.endsWith('\n') ? input.slice(0, input.endsWith('\r\n') ? -2 : -1) : input;
  const pri = PRI_RE.exec(text);
  if (!pri) return { ok: false, reason: 'missing <PRI>' };
  const priority = Number(pri[1]);
  if (priority > 191) return { ok: false, reason: `invalid priority ${priority}` };
  const rest = text.slice(pri[0].length);
  const base = { facility: priority >> 3, severity: priority & 7 };

  const m5424 = RFC5424_RE.exec(rest);
  if (m5424) {
    const afterHeader = rest.slice(m5424[0].length);
    const sdEnd = structuredDataEnd(afterHeader);
    if (sdEnd < 0) return { ok: false, reason: 'malformed structured data' };
    let message = afterHeader.slice(sdEnd);
    if (message.startsWith(' ')) message = message.slice(1);
    if (message.startsWith('\uFEFF')) message = message.slice(1); // BOM marks UTF-8 MSG
    return { ok: true, value: { ...base, hostname: nil(m5424[2]!), appName: nil(m5424[3]!), message } };
  }
  const m3164 = RFC3164_RE.exec(rest);
  if (m3164) {
    return {
      ok: true,
      value: { ...base, hostname: m3164[2]!, appName: m3164[3]!, message: rest.slice(m3164[0].length) },
    };
  }
  return { ok: false, reason: 'neither RFC 5424 nor RFC 3164 header' };
}

const nil = (s: string): string => (s === '-' ? '' : s);

/** Index just past the STRUCTURED-DATA field ('-' or one or more [id param="v"] blocks), or -1. */
function structuredDataEnd(s: string): number {
  if (s.startsWith('-')) return 1;
  let i = 0;
  if (s[i] !== '[') return -1;
  while (s[i] === '[') {
    i++;
    let inQuotes = false;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '\\' && inQuotes) {
        i++;
        continue;
      }
      if (c === '"') inQuotes = !inQuotes;
      else if (c === ']' && !inQuotes) break;
    }
    if (i >= s.length) return -1;
    i++;
  }
  return i;
}
