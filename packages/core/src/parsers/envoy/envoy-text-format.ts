/**
 * Envoy's default text access log format:
 * `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"`.
 * It logs no peer address, so the client is the right-most X-Forwarded-For entry not a trusted proxy
 * (Envoy at the edge appends the peer there); lines without X-Forwarded-For are `bad_address`.
 */
import { DEFAULT_PARSE_OPTIONS, type ParserFactory } from '../parser.js';
import { Field, type FieldKind } from '../shared/field-template.js';
import { shareParsed } from '../shared/sniff.js';
import { TemplateBuilder } from '../shared/template-builder.js';
import { TemplateParser } from '../shared/template-parser.js';

function envoyDefaultTemplate() {
  const b = new TemplateBuilder();
  const f = (kind: FieldKind, source: string) => b.field({ kind, header: '', source });
  b.literal('[');
  f(Field.TIME_ISO, '%START_TIME%');
  b.literal('] "');
  f(Field.REQUEST, '%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%');
  b.literal('" ');
  f(Field.STATUS, '%RESPONSE_CODE%');
  b.literal(' ');
  f(Field.SKIP, '%RESPONSE_FLAGS%');
  b.literal(' ');
  f(Field.SKIP, '%BYTES_RECEIVED%');
  b.literal(' ');
  f(Field.BYTES_TOTAL, '%BYTES_SENT%');
  b.literal(' ');
  f(Field.REQ_TIME_MS, '%DURATION%');
  b.literal(' ');
  f(Field.SKIP, '%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%');
  b.literal(' "');
  f(Field.FORWARDED_FOR, '%REQ(X-FORWARDED-FOR)%');
  b.literal('" "');
  f(Field.USER_AGENT, '%REQ(USER-AGENT)%');
  b.literal('" "');
  f(Field.SKIP, '%REQ(X-REQUEST-ID)%');
  b.literal('" "');
  f(Field.HOST, '%REQ(:AUTHORITY)%');
  b.literal('" "');
  f(Field.SKIP, '%UPSTREAM_HOST%');
  b.literal('"');
  return b.build('envoy default format');
}

const TEMPLATE = envoyDefaultTemplate();

export const envoyTextParser = {
  id: 'envoy_text',
  description: 'Envoy\'s default text access log format ([START_TIME] "METHOD PATH PROTOCOL" CODE …)',
  configSchema: undefined,
  create: (_config, options) => new TemplateParser('envoy_text', TEMPLATE, options),
  sniff(lines) {
    return shareParsed(this.create({}, DEFAULT_PARSE_OPTIONS), lines);
  },
} satisfies ParserFactory<Record<string, never>>;
