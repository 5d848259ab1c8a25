/**
 * Compiles an Apache httpd `LogFormat` string (mod_log_config) into a `FieldTemplate`. Accepts the whole
 * directive (`LogFormat "%h %l …" combined`) or just the format text, with httpd's `\"` escapes or plain
 * quotes. `%t` brings its own brackets; `%{sec}t`, `%{msec}t`, `%{usec}t` and `%{…}t` strftime layouts
 * that are CLF or ISO 8601 are read; directives Rampart does not use (`%l`, `%{VAR}e`, `%p`, …) are
 * skipped fields. Conditions (`%!200,304{…}i`) and `<`/`>` modifiers are accepted and ignored.
 */
import { RampartError } from '../../errors.js';
import { Field, type FieldKind, type FieldTemplate } from '../shared/field-template.js';
import { TemplateBuilder } from '../shared/template-builder.js';

const SIMPLE: Record<string, FieldKind> = {
  h: Field.CLIENT,
  a: Field.CLIENT,
  u: Field.USER,
  r: Field.REQUEST,
  s: Field.STATUS,
  b: Field.BYTES_BODY,
  B: Field.BYTES_BODY,
  O: Field.BYTES_TOTAL,
  D: Field.REQ_TIME_US,
  T: Field.REQ_TIME_S,
  v: Field.SERVER_NAME,
  V: Field.HOST,
  m: Field.METHOD,
  U: Field.PATH,
  q: Field.QUERY,
  H: Field.PROTOCOL,
};

const URI_AND_QUERY = 'rampart:uri+query';

const HEADERS: Record<string, FieldKind> = {
  referer: Field.REFERER,
  'user-agent': Field.USER_AGENT,
  'x-forwarded-for': Field.FORWARDED_FOR,
  host: Field.HOST,
};

export function compileApacheLogFormat(text: string): FieldTemplate {
  // `%U%q` (path then `?query`) is a common idiom with no separator; read it as one path-and-query field.
  const format = readDirective(text.trim()).replace(/%U%q/g, `%{${URI_AND_QUERY}}U`);
  const b = new TemplateBuilder();
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      b.literal(format.slice(i));
      break;
    }
    b.literal(format.slice(i, pct));
    let j = pct + 1;
    if (format[j] === '%') {
      b.literal('%');
      i = j + 1;
      continue;
    }
    // Modifiers: status conditions (`!200,304`) and `<` / `>` (original / final request).
    while (j < format.length && /[!0-9,<>]/.test(format[j]!)) j++;
    let param = '';
    if (format[j] === '{') {
      const close = format.indexOf('}', j);
      if (close < 0) throw new RampartError('INVALID_CONFIG', `LogFormat: unclosed %{ at ${pct}`);
      param = format.slice(j + 1, close);
      j = close + 1;
    }
    const letter = format[j];
    if (letter === undefined) throw new RampartError('INVALID_CONFIG', `LogFormat: '%' at the end`);
    const source = format.slice(pct, j + 1);
    i = j + 1;
    if (letter === 't') {
      addTime(b, param, source);
      continue;
    }
    b.field({ ...fieldOf(letter, param), source });
  }
  return b.build('LogFormat');
}

function fieldOf(letter: string, param: string): { kind: FieldKind; header: string } {
  if (letter === 'i') {
    const h = param.toLowerCase();
    return { kind: HEADERS[h] ?? Field.KEY_HEADER, header: h };
  }
  if (letter === 'U' && param === URI_AND_QUERY) return { kind: Field.REQUEST_URI, header: '' };
  if (letter === 'T' && param !== '') {
    const unit = param.toLowerCase();
    const kind = unit === 'ms' ? Field.REQ_TIME_MS : unit === 'us' ? Field.REQ_TIME_US : Field.REQ_TIME_S;
    return { kind, header: '' };
  }
  // %{c}a is the peer of the connection; %a the client address (after mod_remoteip); both are clients.
  if (param !== '' && letter !== 'a') return { kind: Field.SKIP, header: '' };
  return { kind: SIMPLE[letter] ?? Field.SKIP, header: '' };
}

/** `%t` is `[dd/Mon/yyyy:hh:mm:ss ±zzzz]`; `%{…}t` depends on its strftime layout. */
function addTime(b: TemplateBuilder, param: string, source: string): void {
  const p = param.replace(/^(begin|end):/, '');
  if (p === '') {
    b.literal('[');
    b.field({ kind: Field.TIME_CLF, header: '', source });
    b.literal(']');
    return;
  }
  let kind: FieldKind = Field.SKIP;
  if (p === 'sec' || p === 'msec' || p === 'usec') kind = Field.TIME_EPOCH;
  else if (p === '%d/%b/%Y:%H:%M:%S %z' || p === '%d/%b/%Y:%H:%M:%S') kind = Field.TIME_CLF;
  else if (/^%Y-%m-%d[T ]%H:%M:%S(%z|Z)?$/.test(p)) kind = Field.TIME_ISO;
  b.field({ kind, header: '', source });
}

/** Extracts the format string from `LogFormat "…" nickname`; unescapes httpd's `\"` and `\\`. */
function readDirective(text: string): string {
  let s = text;
  const m = /^LogFormat\s+"((?:[^"\\]|\\.)*)"/.exec(s);
  if (m) s = m[1]!;
  else if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1);
  return s.replace(/\\(["\\nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

export const APACHE_COMMON = '%h %l %u %t "%r" %>s %b';
export const APACHE_COMBINED = '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"';
export const APACHE_VHOST_COMBINED = '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"';
