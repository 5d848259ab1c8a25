/**
 * `json`: JSON lines with a user-supplied field mapping; and the helper that turns a built-in mapping
 * into a preset format (nginx_json, caddy, traefik, envoy, cloudflare each declare theirs in their
 * folder). Presets recognise themselves by trial: a line of another JSON layout lacks their fields.
 */
import { type Static, Type } from '@sinclair/typebox';
import { RampartError } from '../../errors.js';
import { DEFAULT_PARSE_OPTIONS, type ParserFactory } from '../parser.js';
import { shareParsed } from '../shared/sniff.js';
import { compileFieldMap, JSON_FIELD_NAMES, type JsonFieldMap } from './json-field-map.js';
import { JsonLineParser, type JsonParserSettings } from './json-line-parser.js';

export const JsonConfigSchema = Type.Object(
  {
    fields: Type.Record(Type.String(), Type.String(), {
      description: `RequestEvent field → dotted JSON path ('|' separates alternatives). Fields: ${JSON_FIELD_NAMES.join(', ')}. Required: ts, ip (or forwardedFor), status, path (or uri, or request).`,
    }),
  },
  { additionalProperties: false },
);
export type JsonConfig = Static<typeof JsonConfigSchema>;

export const jsonParser = {
  id: 'json',
  description: 'JSON lines with a field mapping (config: fields: { ts: "time", ip: "client.ip", … })',
  configSchema: JsonConfigSchema,
  create(config, options) {
    const unknown = Object.keys(config.fields).filter((k) => !(JSON_FIELD_NAMES as readonly string[]).includes(k));
    if (unknown.length > 0) {
      throw new RampartError(
        'INVALID_CONFIG',
        `format 'json': unknown field(s) ${unknown.join(', ')}; known: ${JSON_FIELD_NAMES.join(', ')}`,
      );
    }
    return new JsonLineParser('json', compileFieldMap(config.fields as JsonFieldMap, "format 'json'"), options);
  },
  // A mapping is needed to know which keys mean what; auto-detection uses the presets instead.
  sniff: () => 0,
} satisfies ParserFactory<JsonConfig>;

/** A JSON format with a fixed mapping. */
export function jsonPreset(
  id: string,
  description: string,
  fields: JsonFieldMap,
  settings: JsonParserSettings = {},
): ParserFactory<Record<string, never>> {
  const map = compileFieldMap(fields, `format '${id}'`);
  return {
    id,
    description,
    configSchema: undefined,
    create: (_config, options) => new JsonLineParser(id, map, options, settings),
    sniff(lines) {
      return shareParsed(this.create({}, DEFAULT_PARSE_OPTIONS), lines);
    },
  };
}

/**
 * nginx `log_format … escape=json '{…}'` layouts. There is no standard key set, so the common key names
 * of published layouts are tried in turn; any other layout works with `--format nginx` and its directive.
 */
export const nginxJsonParser = jsonPreset(
  'nginx_json',
  'nginx escape=json layouts with the usual keys (remote_addr, time_iso8601/time_local/msec, request, status, …)',
  {
    ts: 'time_iso8601|time_local|msec|timestamp|@timestamp|time',
    ip: 'remote_addr|remote_ip|client_ip|ip',
    forwardedFor: 'http_x_forwarded_for|x_forwarded_for|proxy_add_x_forwarded_for',
    request: 'request',
    method: 'request_method|method',
    uri: 'request_uri|uri',
    query: 'args|query_string',
    host: 'host|http_host|server_name',
    status: 'status',
    bytes: 'body_bytes_sent|bytes_sent',
    requestTime: 'request_time',
    referer: 'http_referer|http_referrer|referer',
    userAgent: 'http_user_agent|user_agent',
    protocol: 'server_protocol|protocol',
    user: 'remote_user',
    headers: 'headers',
    apiKey: 'http_x_api_key',
  },
);
