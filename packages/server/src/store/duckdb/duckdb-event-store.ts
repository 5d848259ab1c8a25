/**
 * The embedded event store on DuckDB: one file in the data directory, appended through DuckDB's appender
 * in one transaction per batch (durable when `append` resolves: DuckDB writes and syncs its WAL on commit),
 * queried with bound parameters. Writes are serialized; queries run on their own connection.
 */
import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { type EnrichedEvent, parseIp } from '@rampart/core';
import type {
  BreakdownRow,
  Dimension,
  EventFilter,
  EventStore,
  RetentionPolicy,
  SeriesPoint,
  StoredEvent,
  TimeRange,
  Totals,
} from '../contract/event-store.js';
import { whereClause } from './filter-sql.js';
import { MIGRATIONS } from './schema.js';
import { rowToStoredEvent } from './stored-event-row.js';

export interface DuckDbEventStoreOptions {
  /** File path, or ':memory:'. */
  readonly path: string;
  /** Turns a path into its template ('/users/42' → '/users/:id'); identity by default. */
  readonly templatePath?: (path: string) => string;
  /** DuckDB memory limit, e.g. '1GB'. */
  readonly memoryLimit?: string;
}

const DIMENSION_SQL: Record<Dimension, string> = {
  ip: 'ip',
  path: 'path',
  path_template: 'path_template',
  asn: "coalesce('AS' || CAST(asn AS VARCHAR), 'unknown')",
  host: 'host',
  service: 'service',
  country: "coalesce(country, 'unknown')",
  status: 'CAST(status AS VARCHAR)',
  ua_family: 'coalesce(ua_family, ua_class)',
  user_agent: 'user_agent',
  method: 'method',
  network_type: 'network_type',
};

const MASK64 = (1n << 64n) - 1n;

export class DuckDbEventStore implements EventStore {
  private writeChain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly templatePath: (path: string) => string,
  ) {}

  static async open(options: DuckDbEventStoreOptions): Promise<DuckDbEventStore> {
    const config: Record<string, string> = {};
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(options.path, config);
    const writer = await instance.connect();
    const reader = await instance.connect();
    await migrate(writer);
    return new DuckDbEventStore(instance, writer, reader, options.templatePath ?? ((p) => p));
  }

  append(events: readonly EnrichedEvent[]): Promise<number> {
    const run = this.writeChain.then(async () => {
      if (events.length === 0) return 0;
      const appender = await this.writer.createAppender('events');
      try {
        for (const e of events) this.appendRow(appender, e);
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      return events.length;
    });
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private appendRow(a: DuckDBAppender, e: EnrichedEvent): void {
    const r = e.req;
    a.appendBigInt(BigInt(r.ts));
    a.appendVarchar(r.ip);
    const ip = parseIp(r.ip);
    if (ip?.version === 4) {
      a.appendUInteger(ip.value as number);
      a.appendNull();
      a.appendNull();
    } else if (ip) {
      a.appendNull();
      a.appendUBigInt((ip.value as bigint) >> 64n);
      a.appendUBigInt((ip.value as bigint) & MASK64);
    } else {
      a.appendNull();
      a.appendNull();
      a.appendNull();
    }
    a.appendVarchar(e.client);
    a.appendVarchar(e.subnet);
    a.appendVarchar(r.method);
    a.appendVarchar(r.host);
    a.appendVarchar(r.path);
    a.appendVarchar(this.templatePath(r.path));
    a.appendVarchar(r.query);
    a.appendSmallInt(r.status);
    a.appendBigInt(BigInt(r.bytes));
    optional(a, r.requestTime, (v) => a.appendDouble(v));
    a.appendVarchar(r.referer);
    a.appendVarchar(r.userAgent);
    a.appendVarchar(r.protocol);
    optional(a, r.apiKey, (v) => a.appendVarchar(v));
    optional(a, r.user, (v) => a.appendVarchar(v));
    optional(a, r.session, (v) => a.appendVarchar(v));
    optional(a, e.net.country ?? r.country, (v) => a.appendVarchar(v));
    optional(a, e.net.asn ?? r.asn, (v) => a.appendUInteger(v));
    optional(a, e.net.org, (v) => a.appendVarchar(v));
    a.appendVarchar(e.net.networkType);
    a.appendVarchar(e.ua.class);
    optional(a, e.ua.family, (v) => a.appendVarchar(v));
    optional(a, e.crawler?.family, (v) => a.appendVarchar(v));
    optional(a, e.crawler?.verified, (v) => a.appendBoolean(v));
    a.appendVarchar(e.service);
    a.appendVarchar(r.source);
    a.appendBigInt(BigInt(r.line));
    a.endRow();
  }

  async series(q: {
    range: TimeRange;
    filter?: EventFilter;
    stepMs: number;
    splitByStatusClass?: boolean;
  }): Promise<SeriesPoint[]> {
    const step = BigInt(Math.max(1, Math.floor(q.stepMs)));
    const where = whereClause(q.range, q.filter);
    const classes = q.splitByStatusClass
      ? `, ${[1, 2, 3, 4, 5].map((c) => `count(*) FILTER (WHERE status // 100 = ${c}) AS c${c}`).join(', ')}`
      : '';
    const rows = await this.query(
      `SELECT (ts // ?) * ? AS t, count(*) AS n${classes} FROM events WHERE ${where.sql} GROUP BY t ORDER BY t`,
      [step, step, ...where.params],
    );
    return rows.map((row) => {
      const point: { t: number; requests: number; byClass?: Record<string, number> } = {
        t: Number(row.t),
        requests: Number(row.n),
      };
      if (q.splitByStatusClass) {
        point.byClass = Object.fromEntries([1, 2, 3, 4, 5].map((c) => [`${c}xx`, Number(row[`c${c}`])]));
      }
      return point;
    });
  }

  async breakdown(q: {
    range: TimeRange;
    filter?: EventFilter;
    dimension: Dimension;
    limit: number;
  }): Promise<BreakdownRow[]> {
    const where = whereClause(q.range, q.filter);
    const key = DIMENSION_SQL[q.dimension];
    const rows = await this.query(
      `SELECT ${key} AS k, count(*) AS n, sum(greatest(bytes, 0)) AS b, approx_count_distinct(ip) AS ips
       FROM events WHERE ${where.sql} GROUP BY k ORDER BY n DESC, k LIMIT ?`,
      [...where.params, BigInt(Math.max(1, Math.min(q.limit, 10_000)))],
    );
    return rows.map((row) => ({
      key: String(row.k),
      requests: Number(row.n),
      bytes: Number(row.b ?? 0),
      ips: Number(row.ips),
    }));
  }

  async totals(q: { range: TimeRange; filter?: EventFilter }): Promise<Totals> {
    const where = whereClause(q.range, q.filter);
    const [row] = await this.query(
      `SELECT count(*) AS n, count(DISTINCT ip) AS ips, coalesce(sum(greatest(bytes, 0)), 0) AS b, min(ts) AS first, max(ts) AS last
       FROM events WHERE ${where.sql}`,
      where.params,
    );
    return {
      requests: Number(row?.n ?? 0),
      ips: Number(row?.ips ?? 0),
      bytes: Number(row?.b ?? 0),
      first: row?.first == null ? undefined : Number(row.first),
      last: row?.last == null ? undefined : Number(row.last),
    };
  }

  async *scan(q: { range: TimeRange; filter?: EventFilter; batchSize?: number }): AsyncIterable<StoredEvent[]> {
    const where = whereClause(q.range, q.filter);
    const result = await this.reader.stream(
      `SELECT * FROM events WHERE ${where.sql} ORDER BY ts, source, line`,
      where.params,
    );
    const batchSize = q.batchSize ?? 10_000;
    let batch: StoredEvent[] = [];
    for await (const rows of result.yieldRowObjects()) {
      for (const row of rows) {
        batch.push(rowToStoredEvent(row));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  applyRetention(policy: RetentionPolicy, now: number): Promise<{ deleted: number }> {
    const run = this.writeChain.then(async () => {
      let deleted = 0;
      if (policy.maxAgeMs !== undefined) {
        const r = await this.writer.run('DELETE FROM events WHERE ts < ?', [BigInt(Math.floor(now - policy.maxAgeMs))]);
        deleted += r.rowsChanged;
      }
      if (policy.maxEvents !== undefined) {
        const [row] = (await this.writer.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjects();
        const excess = Number(row?.n ?? 0) - policy.maxEvents;
        if (excess > 0) {
          const r = await this.writer.run(
            'DELETE FROM events WHERE ts < (SELECT ts FROM events ORDER BY ts LIMIT 1 OFFSET ?)',
            [BigInt(excess)],
          );
          deleted += r.rowsChanged;
        }
      }
      return { deleted };
    });
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  async count(): Promise<number> {
    const [row] = await this.query('SELECT count(*) AS n FROM events', []);
    return Number(row?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.writeChain;
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }

  private async query(sql: string, params: DuckDBValue[]): Promise<Record<string, DuckDBValue>[]> {
    const reader = await this.reader.runAndReadAll(sql, params);
    return reader.getRowObjects();
  }
}

function optional<T>(a: DuckDBAppender, value: T | undefined, append: (v: T) => void): void {
  if (value === undefined || value === null) a.appendNull();
  else append(value);
}

async function migrate(conn: DuckDBConnection): Promise<void> {
  await conn.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const [row] = (await conn.runAndReadAll('SELECT max(version) AS v FROM schema_version')).getRowObjects();
  const current = row?.v == null ? 0 : Number(row.v);
  for (let i = current; i < MIGRATIONS.length; i++) {
    await conn.run('BEGIN TRANSACTION');
    await conn.run(MIGRATIONS[i]!);
    await conn.run('INSERT INTO schema_version VALUES (?)', [i + 1]);
    await conn.run('COMMIT');
  }
}
