/**
 * Builds the WHERE clause for an `EventFilter` with bound parameters only: values from logs and users
 * never become SQL text. Addresses and networks are compared on numeric columns (ip4, ip6_hi/ip6_lo),
 * so CIDR selections work without extensions, and the client rollup (which has those columns) takes the
 * same entity clause.
 */

import type { DuckDBValue } from '@duckdb/node-api';
import { parseCidr, parseIp } from '@rampart/core';
import type { EventFilter, TimeRange } from '../contract/event-store.js';

export interface SqlWhere {
  readonly sql: string;
  readonly params: DuckDBValue[];
}

const MASK64 = (1n << 64n) - 1n;

export function whereClause(range: TimeRange, filter: EventFilter | undefined): SqlWhere {
  const f = filterClause(filter);
  // JS BigInt parameters bind as HUGEINT: without the casts DuckDB compares and prunes 20x slower.
  return {
    sql: `ts >= ?::BIGINT AND ts < ?::BIGINT AND ${f.sql}`,
    params: [BigInt(Math.floor(range.from)), BigInt(Math.ceil(range.to)), ...f.params],
  };
}

/** The filter alone (no time range); `true` when there is none. */
export function filterClause(filter: EventFilter | undefined): SqlWhere {
  const parts: string[] = [];
  const params: DuckDBValue[] = [];
  const eq = (column: string, value: string | number | undefined) => {
    if (value === undefined) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  eq('service', filter?.service);
  eq('host', filter?.host);
  eq('path', filter?.path);
  eq('path_template', filter?.pathTemplate);
  eq('status', filter?.status);
  eq('ua_family', filter?.uaFamily);
  eq('network_type', filter?.networkType);
  if (filter?.statusClass !== undefined) {
    parts.push('status >= ? AND status < ?');
    params.push(filter.statusClass * 100, filter.statusClass * 100 + 100);
  }
  const entities = entityClause(filter);
  if (entities) {
    parts.push(filter?.excludeEntities ? `NOT coalesce(${entities.sql}, false)` : entities.sql);
    params.push(...entities.params);
  }
  return { sql: parts.length === 0 ? 'true' : parts.join(' AND '), params };
}

function entityClause(filter: EventFilter | undefined): SqlWhere | undefined {
  const sel = filter?.entities;
  if (!sel) return undefined;
  const ors: string[] = [];
  const params: DuckDBValue[] = [];
  // IPv4 addresses compare on the numeric column: a string IN over millions of rows is several times slower.
  const v4: bigint[] = [];
  const v6: bigint[] = [];
  for (const text of sel.ips ?? []) {
    const ip = parseIp(text);
    if (ip?.version === 4) v4.push(BigInt(ip.value as number));
    else if (ip) v6.push(ip.value as bigint);
  }
  if (v4.length > 0) {
    ors.push(`ip4 IN (${v4.map(() => '?::BIGINT').join(', ')})`);
    params.push(...v4);
  }
  for (const v of v6) {
    ors.push('(ip6_hi = ?::UBIGINT AND ip6_lo = ?::UBIGINT)');
    params.push(v >> 64n, v & MASK64);
  }
  for (const text of sel.cidrs ?? []) {
    const cidr = parseCidr(text, { lenient: true });
    if (!cidr) continue;
    if (cidr.version === 4) {
      ors.push('ip4 BETWEEN ?::BIGINT AND ?::BIGINT');
      params.push(BigInt(cidr.first as number), BigInt(cidr.last as number));
    } else {
      const first = cidr.first as bigint;
      const last = cidr.last as bigint;
      ors.push('(ip6_hi BETWEEN ?::UBIGINT AND ?::UBIGINT AND ip6_lo BETWEEN ?::UBIGINT AND ?::UBIGINT)');
      const wide = cidr.prefixLength <= 64;
      params.push(first >> 64n, last >> 64n, wide ? 0n : first & MASK64, wide ? MASK64 : last & MASK64);
    }
  }
  const asns = (sel.asns ?? []).filter((a) => Number.isInteger(a) && a >= 0);
  if (asns.length > 0) {
    ors.push(`asn IN (${asns.map(() => '?::BIGINT').join(', ')})`);
    params.push(...asns.map((a) => BigInt(a)));
  }
  const countries = (sel.countries ?? []).map((c) => c.toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c));
  if (countries.length > 0) {
    ors.push(`country IN (${countries.map(() => '?').join(', ')})`);
    params.push(...countries);
  }
  // An empty selection selects nothing (not everything): a filter to zero entities must not widen.
  if (ors.length === 0) return { sql: 'false', params: [] };
  return { sql: `(${ors.join(' OR ')})`, params };
}
