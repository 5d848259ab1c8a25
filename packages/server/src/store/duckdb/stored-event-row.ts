/** Converts a DuckDB row of the events table back into a `StoredEvent`. */
import type { DuckDBValue } from '@duckdb/node-api';
import type { StoredEvent } from '../contract/event-store.js';

const str = (v: DuckDBValue | undefined): string | undefined => (v === null || v === undefined ? undefined : String(v));
const num = (v: DuckDBValue | undefined): number | undefined => (v === null || v === undefined ? undefined : Number(v));

export function rowToStoredEvent(row: Record<string, DuckDBValue>): StoredEvent {
  return {
    ts: Number(row.ts),
    ip: String(row.ip),
    method: String(row.method),
    host: String(row.host),
    path: String(row.path),
    query: String(row.query),
    status: Number(row.status),
    bytes: Number(row.bytes),
    requestTime: num(row.request_time),
    referer: String(row.referer),
    userAgent: String(row.user_agent),
    protocol: String(row.protocol),
    apiKey: str(row.api_key),
    user: str(row.user_name),
    session: str(row.session),
    country: str(row.country),
    asn: num(row.asn),
    source: String(row.source),
    line: Number(row.line),
    raw: '',
    service: String(row.service),
    networkType: String(row.network_type),
    org: str(row.org),
    uaClass: String(row.ua_class),
    uaFamily: str(row.ua_family),
    crawler: str(row.crawler),
    crawlerVerified:
      row.crawler_verified === null || row.crawler_verified === undefined ? undefined : Boolean(row.crawler_verified),
  };
}
