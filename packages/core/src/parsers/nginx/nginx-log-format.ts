/**
 * Compiles an nginx `log_format` directive into a `FieldTemplate`. Accepts the whole directive
 * (`log_format main escape=json '…' '…';`) or just the format text. Variables Rampart uses are mapped to
 * field kinds; any other variable (`$upstream_addr`, `$ssl_cipher`, …) is kept as a skipped field so the
 * layout still lines up.
 */
import { RampartError } from '../../errors.js';
import { Field, type FieldKind, type FieldTemplate } from '../shared/field-template.js';
import { TemplateBuilder } from '../shared/template-builder.js';

export type NginxEscape = 'default' | 'json' | 'none';

export interface CompiledNginxFormat {
  readonly name: string;
  readonly escape: NginxEscape;
  readonly template: FieldTemplate;
}

const VARIABLES: Record<string, FieldKind> = {
  remote_addr: Field.CLIENT,
  remote_user: Field.USER,
  time_local: Field.TIME_CLF,
  time_iso8601: Field.TIME_ISO,
  msec: Field.TIME_EPOCH,
  request: Field.REQUEST,
  request_method: Field.METHOD,
  request_uri: Field.REQUEST_URI,
  uri: Field.PATH,
  document_uri: Field.PATH,
  args: Field.QUERY,
  query_string: Field.QUERY,
  status: Field.STATUS,
  body_bytes_sent: Field.BYTES_BODY,
  bytes_sent: Field.BYTES_TOTAL,
  request_time: Field.REQ_TIME_S,
  host: Field.HOST,
  http_host: Field.HOST,
  server_name: Field.SERVER_NAME,
  http_referer: Field.REFERER,
  http_user_agent: Field.USER_AGENT,
  http_x_forwarded_for: Field.FORWARDED_FOR,
  proxy_add_x_forwarded_for: Field.FORWARDED_FOR,
  server_protocol: Field.PROTOCOL,
};

export function compileNginxLogFormat(text: string): CompiledNginxFormat {
  const { name, escapeMode, format } = readDirective(text.trim());
  const b = new TemplateBuilder();
  let i = 0;
  while (i < format.length) {
    const dollar = format.indexOf('$', i);
    if (dollar < 0) {
      b.literal(format.slice(i));
      break;
    }
    b.literal(format.slice(i, dollar));
    let start = dollar + 1;
    let end: number;
    if (format.charCodeAt(start) === 123 /* { */) {
      end = format.indexOf('}', start);
      if (end < 0) throw new RampartError('INVALID_CONFIG', `log_format: unclosed \${ at ${dollar}`);
      start++;
      i = end + 1;
    } else {
      end = start;
      while (end < format.length && /[A-Za-z0-9_]/.test(format[end]!)) end++;
      i = end;
    }
    const variable = format.slice(start, end);
    if (variable === '') {
      b.literal('$');
      continue;
    }
    b.field(fieldOf(variable));
  }
  return { name, escape: escapeMode, template: b.build('log_format') };
}

function fieldOf(variable: string): { kind: FieldKind; header: string; source: string } {
  const source = `$${variable}`;
  const kind = VARIABLES[variable];
  if (kind !== undefined) return { kind, header: '', source };
  if (variable.startsWith('http_')) {
    return { kind: Field.KEY_HEADER, header: variable.slice(5).replace(/_/g, '-'), source };
  }
  return { kind: Field.SKIP, header: '', source };
}

/** Splits `log_format name [escape=…] 'a' "b";` into its parts; bare text is the format itself. */
function readDirective(text: string): { name: string; escapeMode: NginxEscape; format: string } {
  if (!/^log_format\s/.test(text)) return { name: '', escapeMode: 'default', format: text };
  let rest = text.slice('log_format'.length).trim();
  const nameMatch = /^(\S+)\s*/.exec(rest);
  const name = nameMatch?.[1] ?? '';
  rest = rest.slice(nameMatch?.[0].length ?? 0);
  let escapeMode: NginxEscape = 'default';
  const esc = /^escape=(default|json|none)\s*/.exec(rest);
  if (esc) {
    escapeMode = esc[1] as NginxEscape;
    rest = rest.slice(esc[0].length);
  }
  let format = '';
  let i = 0;
  while (i < rest.length) {
    const c = rest[i]!;
    if (c === ';') break;
    if (c === "'" || c === '"') {
      i++;
      while (i < rest.length && rest[i] !== c) {
        if (rest[i] === '\\' && i + 1 < rest.length) {
          const n = rest[i + 1]!;
          format += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          i += 2;
        } else format += rest[i++];
      }
      if (i >= rest.length) throw new RampartError('INVALID_CONFIG', `log_format ${name}: unterminated quote`);
      i++;
    } else if (/\s/.test(c)) i++;
    else {
      // An unquoted word is a format piece too (nginx allows it).
      const m = /^[^\s;'"]+/.exec(rest.slice(i))!;
      format += m[0];
      i += m[0].length;
    }
  }
  if (format === '') throw new RampartError('INVALID_CONFIG', `log_format ${name}: empty format`);
  return { name, escapeMode, format };
}

export const NGINX_COMBINED =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

export const NGINX_MAIN = `${NGINX_COMBINED} "$http_x_forwarded_for"`;

/** The combined layout with the virtual host first: nginx-proxy's `vhost` format, Apache `%V %h …`. */
export const HOST_COMBINED = `$host ${NGINX_COMBINED}`;
