/**
 * The client rollup: requests and bytes per hour × client address (with the columns entity selections
 * and the rollup-able filters read: service, network type, ASN, country). Breakdowns by address, ASN,
 * country, network type and service, and totals, read whole hours from it and only the partial hours at
 * the range edges from the raw events, so their answers are the raw answers (the contract cases check it).
 *
 * Maintenance, all inside the transaction that changes the events: each loaded segment adds its own rows
 * (several rows per hour and client until compacted; sums do not care), its hours are marked dirty, and
 * dirty hours are re-aggregated once enough rows piled up. Retention rebuilds the hour it cuts through
 * from the events left in it. A key-version change rebuilds everything (see `refreshKeys`).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { EventFilter, TimeRange } from '../contract/event-store.js';
import { filterClause, type SqlWhere } from './filter-sql.js';

export const HOUR_MS = 3_600_000;

const GROUP = 'service, network_type, ip_key, ip4, ip6_hi, ip6_lo, asn, country';

/** The event columns `rollupSelect` reads. */
export const ROLLUP_INPUT = `ts, bytes, ${GROUP}`;

/** Rollup rows of a table or subquery holding event rows (with key columns). */
export function rollupSelect(from: string): string {
  return `SELECT ts // ${HOUR_MS} AS hour, ${GROUP}, count(*) AS n, sum(greatest(bytes, 0)) AS b,
    min(ts) AS first_ts, max(ts) AS last_ts FROM ${from} GROUP BY hour, ${GROUP}`;
}

/** Adds the rollup rows of a loaded segment (a table or subquery of its event rows) and marks its hours dirty. */
export async function addSegment(conn: DuckDBConnection, staged: string): Promise<number> {
  const r = await conn.run(`INSERT INTO client_hours ${rollupSelect(staged)}`);
  await conn.run(`INSERT OR IGNORE INTO client_hours_dirty SELECT DISTINCT ts // ${HOUR_MS} FROM ${staged}`);
  return r.rowsChanged;
}

/** Re-aggregates the dirty hours into one row per hour and client. Call inside a transaction. */
export async function compact(conn: DuckDBConnection): Promise<void> {
  const dirty = 'hour IN (SELECT hour FROM client_hours_dirty)';
  await conn.run(`CREATE OR REPLACE TEMP TABLE client_hours_compacted AS
    SELECT hour, ${GROUP}, sum(n) AS n, sum(b) AS b, min(first_ts) AS first_ts, max(last_ts) AS last_ts
    FROM client_hours WHERE ${dirty} GROUP BY hour, ${GROUP}`);
  await conn.run(`DELETE FROM client_hours WHERE ${dirty}`);
  await conn.run('INSERT INTO client_hours SELECT * FROM client_hours_compacted');
  await conn.run('DROP TABLE client_hours_compacted');
  await conn.run('DELETE FROM client_hours_dirty');
}

/** Rebuilds the rollup of hours [fromHour, toHour) from the events. Call inside a transaction. */
export async function rebuildHours(conn: DuckDBConnection, fromHour: bigint, toHour: bigint): Promise<void> {
  await conn.run('DELETE FROM client_hours WHERE hour >= ?::BIGINT AND hour < ?::BIGINT', [fromHour, toHour]);
  await conn.run(`INSERT INTO client_hours ${rollupSelect('events WHERE ts >= ?::BIGINT AND ts < ?::BIGINT')}`, [
    fromHour * BigInt(HOUR_MS),
    toHour * BigInt(HOUR_MS),
  ]);
}

/** Drops the rollup of hours before `hour` and rebuilds `hour` itself (retention cut through it). */
export async function cutBefore(conn: DuckDBConnection, ts: number): Promise<void> {
  const hour = BigInt(Math.floor(ts / HOUR_MS));
  await conn.run('DELETE FROM client_hours WHERE hour < ?::BIGINT', [hour]);
  await rebuildHours(conn, hour, hour + 1n);
}

/** True when every part of the filter can be answered from the rollup's columns. */
export function rollupAnswers(filter: EventFilter | undefined): boolean {
  if (!filter) return true;
  const { service, networkType, entities, excludeEntities, ...rest } = filter;
  return Object.values(rest).every((v) => v === undefined);
}

/**
 * A subquery of rollup-shaped rows (ip_key, asn, country, network_type, service, n, b, first_ts, last_ts)
 * for the range: whole hours from the rollup, the partial hours at each edge from the raw events. Undefined
 * when the range holds no whole hour (the raw events are then as cheap).
 */
export function rollupSource(range: TimeRange, filter: EventFilter | undefined): SqlWhere | undefined {
  const from = Math.floor(range.from);
  const to = Math.ceil(range.to);
  const firstHour = Math.ceil(from / HOUR_MS);
  const endHour = Math.floor(to / HOUR_MS);
  if (endHour <= firstHour) return undefined;
  const f = filterClause(filter);
  const cols = 'ip_key, asn, country, network_type, service';
  const raw = `SELECT ${cols}, 1 AS n, greatest(bytes, 0) AS b, ts AS first_ts, ts AS last_ts FROM events
    WHERE ts >= ?::BIGINT AND ts < ?::BIGINT AND ${f.sql}`;
  const params: DuckDBValue[] = [BigInt(firstHour), BigInt(endHour), ...f.params];
  const parts = [
    `SELECT ${cols}, n, b, first_ts, last_ts FROM client_hours
    WHERE hour >= ?::BIGINT AND hour < ?::BIGINT AND ${f.sql}`,
  ];
  if (from < firstHour * HOUR_MS) {
    parts.push(raw);
    params.push(BigInt(from), BigInt(firstHour * HOUR_MS), ...f.params);
  }
  if (endHour * HOUR_MS < to) {
    parts.push(raw);
    params.push(BigInt(endHour * HOUR_MS), BigInt(to), ...f.params);
  }
  return { sql: `(${parts.join(' UNION ALL ')})`, params };
}
