/**
 * X-ARF v0.2 abuse messages (x-arf.org): a MIME multipart/mixed mail with the `X-ARF: YES` header, a
 * human-readable part, a machine-readable `report.txt` part (YAML: Reported-From, Category, Report-Type,
 * Source, Source-Type, Date, Version …) and the evidence as a `logfile.log` attachment. One message per
 * source address, as the format requires. Log text is attacker-controlled: the YAML is produced by a YAML
 * serializer (never by pasting), and control characters are escaped before anything is written.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { Category } from '../detect/finding.js';

export interface XarfInput {
  readonly reporter: string;
  readonly to: string | undefined;
  readonly subject: string;
  readonly human: string;
  readonly source: string;
  readonly category: Category;
  /** Epoch ms of the first observed request. */
  readonly firstSeen: number;
  /** Epoch ms the draft was made (mail Date header). */
  readonly createdAt: number;
  readonly reportId: string;
  readonly evidence: readonly string[];
}

/** X-ARF 0.2 has a published schema for login attacks; other HTTP abuse goes out as generic 'info'. */
function reportType(category: Category): { type: string; schema: string | undefined } {
  if (category === 'brute_force' || category === 'credential_stuffing') {
    return { type: 'login-attack', schema: 'http://www.x-arf.org/schema/abuse_login-attack_0.1.2.json' };
  }
  return { type: 'info', schema: undefined };
}

/** Replaces control characters (CR/LF included) so attacker text cannot forge headers or MIME parts. */
export function escapeControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A header value: one line, no control characters, bounded. */
const header = (s: string) => escapeControls(s).slice(0, 400);

export function renderXarf(x: XarfInput): string {
  const { type, schema } = reportType(x.category);
  const report: Record<string, string | number> = {
    'Reported-From': x.reporter,
    Category: 'abuse',
    'Report-Type': type,
    'Report-ID': x.reportId,
    'User-Agent': 'Rampart 0.1.0',
    Date: new Date(x.firstSeen).toISOString(),
    Source: x.source,
    'Source-Type': 'ip-address',
    Service: 'http',
    Port: 443,
    Attachment: 'text/plain',
    Version: '0.2',
  };
  if (schema) report['Schema-URL'] = schema;
  const yaml = `---\n${stringify(report, { lineWidth: 0 })}`;
  const logfile = x.evidence.map((l) => escapeControls(l)).join('\n');
  const boundary = `xarf-${createHash('sha256').update(`${x.reportId}${x.source}`).digest('hex').slice(0, 24)}`;
  const part = (contentType: string, body: string) =>
    `--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body.replaceAll('\n', '\r\n')}\r\n`;
  return [
    `From: ${header(x.reporter)}\r\n`,
    `To: ${header(x.to ?? 'undisclosed-recipients:;')}\r\n`,
    `Subject: ${header(x.subject)}\r\n`,
    `Date: ${new Date(x.createdAt).toUTCString().replace('GMT', '+0000')}\r\n`,
    'MIME-Version: 1.0\r\n',
    'Auto-Submitted: auto-generated\r\n',
    'X-ARF: YES\r\n',
    `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n`,
    part('text/plain; charset=utf-8', x.human),
    part('text/plain; charset=utf-8; name="report.txt"', yaml),
    part('text/plain; charset=utf-8; name="logfile.log"', logfile),
    `--${boundary}--\r\n`,
  ].join('');
}
