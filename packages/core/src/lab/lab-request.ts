/**
 * One generated request before it is written in a log format, and the stream type every actor
 * implements: a generator that yields its requests in non-decreasing time order.
 */

export interface LabRequest {
  /** Epoch milliseconds UTC. */
  readonly ts: number;
  /** Index of the labelled actor that sent it. */
  readonly actor: number;
  readonly ip: string;
  readonly method: string;
  /** Path with the query string, as sent. */
  readonly uri: string;
  readonly status: number;
  readonly bytes: number;
  /** '' when none. */
  readonly referer: string;
  readonly userAgent: string;
  /** '' when none. */
  readonly apiKey: string;
  readonly host: string;
  readonly protocol: string;
}

/** What every request of one stream shares: who sends it and from where. */
export interface Sender {
  readonly actor: number;
  readonly ip: string;
  readonly userAgent: string;
  readonly protocol: string;
}

export type RequestStream = Generator<LabRequest, void, undefined>;

export function request(
  sender: Sender,
  ts: number,
  method: string,
  uri: string,
  status: number,
  bytes: number,
  host: string,
  referer = '',
  apiKey = '',
): LabRequest {
  return {
    ts: Math.floor(ts),
    actor: sender.actor,
    ip: sender.ip,
    method,
    uri,
    status,
    bytes: Math.max(0, Math.round(bytes)),
    referer,
    userAgent: sender.userAgent,
    apiKey,
    host,
    protocol: sender.protocol,
  };
}
