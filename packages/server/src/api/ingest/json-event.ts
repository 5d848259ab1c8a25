/**
 * The ingest API's own event shape: one JSON object per event with `ip, method, path, status, hostname,
 * timestamp` and the optional fields of `RequestEvent` in snake_case. Validation returns a reason, never
 * throws; values are normalized exactly as the log parsers normalize them.
 */
import { makeRequestEvent, normalizeIp, type RequestEvent } from '@rampart/core';

export type JsonEventResult = { ok: true; event: RequestEvent } | { ok: false; reason: string };

const MIN_TS = Date.UTC(1995, 0, 1);
const MAX_TS = Date.UTC(2100, 0, 1);

/** Accepts RFC 3339 / ISO 8601 text, or epoch seconds, milliseconds, microseconds or nanoseconds. */
export function parseTimestamp(value: unknown): number | undefined {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const abs = Math.abs(value);
    ms = abs < 1e11 ? value * 1000 : abs < 1e14 ? value : abs < 1e17 ? value / 1e3 : value / 1e6;
  } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) {
    ms = Date.parse(value);
  } else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) {
    return parseTimestamp(Number(value));
  } else return undefined;
  if (!Number.isFinite(ms) || ms < MIN_TS || ms > MAX_TS) return undefined;
  return Math.round(ms);
}

const optionalString = (v: unknown, max = 8192): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined;
const optionalNumber = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

export function jsonToEvent(input: unknown, source: string, line: number, raw: string): JsonEventResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, reason: 'not a JSON object' };
  const o = input as Record<string, unknown>;
  const ip = typeof o.ip === 'string' ? normalizeIp(o.ip) : undefined;
  if (!ip) return { ok: false, reason: `ip: not an IP address (${JSON.stringify(o.ip)?.slice(0, 60)})` };
  if (typeof o.method !== 'string' || !/^[A-Za-z]{1,16}$/.test(o.method))
    return { ok: false, reason: 'method: missing or invalid' };
  if (typeof o.path !== 'string' || o.path.length === 0) return { ok: false, reason: 'path: missing' };
  const status = o.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return { ok: false, reason: 'status: must be an integer 100–599' };
  }
  const ts = parseTimestamp(o.timestamp);
  if (ts === undefined) return { ok: false, reason: 'timestamp: missing or not a valid time (RFC 3339 or epoch)' };
  if (o.hostname !== undefined && typeof o.hostname !== 'string')
    return { ok: false, reason: 'hostname: must be a string' };
  const q = o.path.indexOf('?');
  const path = q < 0 ? o.path : o.path.slice(0, q);
  const query = optionalString(o.query) ?? (q < 0 ? '' : o.path.slice(q + 1));
  const asn = optionalNumber(o.asn);
  const country = optionalString(o.country, 2);
  return {
    ok: true,
    event: makeRequestEvent({
      ts,
      ip,
      method: o.method.toUpperCase(),
      host: (typeof o.hostname === 'string' ? o.hostname : '').toLowerCase(),
      path: path.slice(0, 8192),
      query,
      status,
      bytes: optionalNumber(o.bytes) ?? -1,
      requestTime: optionalNumber(o.request_time),
      referer: optionalString(o.referer) ?? '',
      userAgent: optionalString(o.user_agent) ?? '',
      protocol: optionalString(o.protocol, 16) ?? '',
      apiKey: optionalString(o.api_key, 256),
      user: optionalString(o.user, 256),
      session: optionalString(o.session, 256),
      country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined,
      asn: asn !== undefined && Number.isInteger(asn) && asn >= 0 && asn < 2 ** 32 ? asn : undefined,
      source,
      line,
      raw: raw.length > 4096 ? raw.slice(0, 4096) : raw,
    }),
  };
}
