/**
 * The normalized request: what every parser produces and every later stage reads.
 * Fields a log does not carry are `undefined` (or '' / -1 where noted) so that every event has the same
 * shape, which keeps the hot path monomorphic.
 */

export interface RequestEvent {
  /** Event time from the log, epoch milliseconds UTC. Never the wall clock. */
  readonly ts: number;
  /** Client address, normalized (lower-case IPv6, IPv4-mapped IPv6 folded to IPv4). */
  readonly ip: string;
  readonly method: string;
  /** Host / virtual host, lower-case; '' when the log does not carry one. */
  readonly host: string;
  /** Path without the query string, as logged (not decoded). */
  readonly path: string;
  /** Query string without the leading '?'; '' when none. */
  readonly query: string;
  readonly status: number;
  /** Bytes sent to the client; -1 when unknown. */
  readonly bytes: number;
  /** Request time in seconds; undefined when unknown. */
  readonly requestTime: number | undefined;
  /** '' when missing or '-'. */
  readonly referer: string;
  /** '' when missing or '-'. */
  readonly userAgent: string;
  /** e.g. 'HTTP/1.1'; '' when unknown. */
  readonly protocol: string;
  /** API key in clear text, or 'sha256:<12 hex>' for bearer tokens (never stored in clear). */
  readonly apiKey: string | undefined;
  readonly user: string | undefined;
  readonly session: string | undefined;
  /** Country / ASN when the log itself carries them (Cloudflare, CloudFront); enrichment fills the rest. */
  readonly country: string | undefined;
  readonly asn: number | undefined;
  /** Where the event came from (file path, 'stdin', 'http', …) and its 1-based line number there. */
  readonly source: string;
  readonly line: number;
  /** The original log line, for evidence. */
  readonly raw: string;
}

/** The fields a parser or the ingest API must supply; everything else has a default. */
export type RequestEventInit = Pick<RequestEvent, 'ts' | 'ip' | 'method' | 'path' | 'status'> &
  Partial<Omit<RequestEvent, 'ts' | 'ip' | 'method' | 'path' | 'status'>>;

/** Builds an event with every field present (same hidden class for all events). */
export function makeRequestEvent(init: RequestEventInit): RequestEvent {
  return {
    ts: init.ts,
    ip: init.ip,
    method: init.method,
    host: init.host ?? '',
    path: init.path,
    query: init.query ?? '',
    status: init.status,
    bytes: init.bytes ?? -1,
    requestTime: init.requestTime,
    referer: init.referer ?? '',
    userAgent: init.userAgent ?? '',
    protocol: init.protocol ?? '',
    apiKey: init.apiKey,
    user: init.user,
    session: init.session,
    country: init.country,
    asn: init.asn,
    source: init.source ?? '',
    line: init.line ?? 0,
    raw: init.raw ?? '',
  };
}
