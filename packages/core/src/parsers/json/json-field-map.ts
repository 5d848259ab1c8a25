/**
 * Where each `RequestEvent` field lives in a JSON log line: dotted paths (`request.headers.User-Agent`),
 * with `|` between alternatives tried in order (`client_ip|remote_ip`). Compiled once into segment
 * arrays; reading a value is a short property walk, no string splitting per line.
 */
import { RampartError } from '../../errors.js';

/** Event field → JSON path. Units are in the key name where a log could use several. */
export interface JsonFieldMap {
  ts?: string;
  /** End time; when set and valid, `requestTime` = end − start. */
  tsEnd?: string;
  ip?: string;
  forwardedFor?: string;
  method?: string;
  host?: string;
  /** Path, possibly with `?query` (split off unless `query` is mapped). */
  path?: string;
  query?: string;
  /** Path and query together. */
  uri?: string;
  /** Whole request line, `GET /p?q HTTP/1.1`. */
  request?: string;
  status?: string;
  bytes?: string;
  requestTime?: string;
  requestTimeMs?: string;
  requestTimeUs?: string;
  requestTimeNs?: string;
  referer?: string;
  userAgent?: string;
  protocol?: string;
  apiKey?: string;
  user?: string;
  session?: string;
  country?: string;
  asn?: string;
  /** An object of request headers (values strings or arrays of strings), read for the API key. */
  headers?: string;
}

export const JSON_FIELD_NAMES: readonly (keyof JsonFieldMap)[] = [
  'ts',
  'tsEnd',
  'ip',
  'forwardedFor',
  'method',
  'host',
  'path',
  'query',
  'uri',
  'request',
  'status',
  'bytes',
  'requestTime',
  'requestTimeMs',
  'requestTimeUs',
  'requestTimeNs',
  'referer',
  'userAgent',
  'protocol',
  'apiKey',
  'user',
  'session',
  'country',
  'asn',
  'headers',
];

/** One alternative: its property names, and the whole dotted text (a key may itself contain dots). */
export interface PathAlternative {
  readonly keys: readonly string[];
  readonly whole: string;
}

/** Alternatives, tried in order. */
export type CompiledPath = readonly PathAlternative[];

export type CompiledFieldMap = { readonly [K in keyof JsonFieldMap]-?: CompiledPath | undefined };

export function compileFieldMap(map: JsonFieldMap, what: string): CompiledFieldMap {
  const out: Record<string, CompiledPath | undefined> = {};
  for (const name of JSON_FIELD_NAMES) {
    const p = map[name];
    out[name] =
      p === undefined || p === ''
        ? undefined
        : p.split('|').map((alt) => ({ keys: alt.trim().split('.'), whole: alt.trim() }));
  }
  const has = (k: keyof JsonFieldMap) => out[k] !== undefined;
  const missing: string[] = [];
  if (!has('ts')) missing.push('ts');
  if (!has('ip') && !has('forwardedFor')) missing.push('ip (or forwardedFor)');
  if (!has('status')) missing.push('status');
  if (!has('request') && !has('uri') && !has('path')) missing.push('path (or uri, or request)');
  if (missing.length > 0) {
    throw new RampartError('INVALID_CONFIG', `${what}: field mapping lacks ${missing.join(', ')}`);
  }
  return out as CompiledFieldMap;
}

/**
 * The value at a compiled path: the first alternative that yields something other than
 * undefined/null/''. A property whose name itself contains dots is found too (tried first).
 */
export function readPath(obj: unknown, path: CompiledPath): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const o = obj as Record<string, unknown>;
  for (let a = 0; a < path.length; a++) {
    const { keys, whole } = path[a]!;
    let v: unknown;
    if (keys.length === 1) v = o[whole];
    else {
      v = o[whole];
      if (v === undefined || v === null || v === '') {
        v = o;
        for (let i = 0; i < keys.length && v !== undefined && v !== null; i++) {
          v = typeof v === 'object' ? (v as Record<string, unknown>)[keys[i]!] : undefined;
        }
      }
    }
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** A JSON value as text: strings as is, numbers/booleans printed, arrays by their first element. */
export function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length > 0 ? asText(v[0]) : '';
  return '';
}
