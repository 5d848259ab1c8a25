/**
 * The embedded event store on DuckDB, one file in the data directory. Ingest is journal-first: `append`
 * writes the batch to the NDJSON ingest journal and resolves once it is synced (durable); a loader moves
 * sealed journal segments into DuckDB in bulk (`read_json`, ~1–2 M rows/s, versus ~50 k rows/s through the
 * row appender for this many columns) within `loadIntervalMs`, recording each segment in the same
 * transaction so a crash never loads one twice. Queries use bound parameters only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { EnrichedEvent } from '@rampart/core';
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
import {
  addSegment,
  compact,
  cutBefore,
  ROLLUP_INPUT,
  rollupAnswers,
  rollupSelect,
  rollupSource,
} from './client-rollup.js';
import { whereClause } from './filter-sql.js';
import { IngestJournal } from './ingest-journal.js';
import { RowWriter } from './row-ndjson.js';
import { DERIVED_LAYOUT, EVENT_COLUMNS, KEY_COLUMNS, MIGRATIONS, READ_JSON_COLUMNS } from './schema.js';
import { rowToStoredEvent } from './stored-event-row.js';

export interface DuckDbEventStoreOptions {
  /** Database file path, or ':memory:' (then the journal lives in a temporary directory). */
  readonly path: string;
  /** Ingest journal directory; default `<path>.journal`. */
  readonly journalDir?: string;
  /** How soon journalled events become queryable. */
  readonly loadIntervalMs?: number;
  /** Turns a path into its template ('/users/42' → '/users/:id'); identity by default. */
  readonly templatePath?: (path: string) => string;
  /** DuckDB memory limit, e.g. '1GB'. */
  readonly memoryLimit?: string;
  /**
   * DuckDB threads (default: one per core). A replay, which nothing queries, uses 1: its loads then cost
   * about half the CPU (a 1.65 M-row day: ≈ 10 CPU s instead of 15-18 with two threads, which write
   * partial row groups that the checkpoint at close merges and compresses again), on the core the main
   * thread leaves free.
   */
  readonly threads?: number;
  /** Background load failures (the events stay in the journal and are retried). */
  readonly onError?: (err: unknown) => void;
  /** Answer client-level queries from the client rollup when the filter allows (default true; false for tests). */
  readonly rollups?: boolean;
  /** Compact the rollup's dirty hours after this many added rollup rows (tests use 1). */
  readonly compactAfterRows?: number;
  /** Journal segment size in bytes before it is sealed and loaded (default 256 MB; tests use a small one). */
  readonly segmentBytes?: number;
}

/**
 * How each dimension is grouped. `group` is what rows are grouped by (cheap: a column or a numeric key);
 * `label` turns the group value into the returned key after grouping (so 10 M rows are not formatted);
 * keyed dimensions group by a numeric key column and read the text back for the returned rows only.
 */
interface DimensionSql {
  readonly group: string;
  /** Answerable from the client rollup (the grouped columns are in it). */
  readonly rollup?: boolean;
  readonly label?: string;
  readonly keyed?: { readonly text: 'ip' | 'path' };
}

const DIMENSION_SQL: Record<Dimension, DimensionSql> = {
  ip: { group: 'ip_key', keyed: { text: 'ip' }, rollup: true },
  path: { group: 'path_key', keyed: { text: 'path' } },
  path_template: { group: 'path_template' },
  asn: { group: 'asn', label: "coalesce('AS' || CAST(g AS VARCHAR), 'unknown')", rollup: true },
  host: { group: 'host' },
  service: { group: 'service', rollup: true },
  country: { group: "coalesce(country, 'unknown')", rollup: true },
  status: { group: 'status', label: 'CAST(g AS VARCHAR)' },
  ua_family: { group: 'coalesce(ua_family, ua_class)' },
  user_agent: { group: 'user_agent' },
  method: { group: 'method' },
  network_type: { group: 'network_type', rollup: true },
};

/** Client-rollup rows added since the dirty hours were last compacted, before compacting again. */
const COMPACT_AFTER_ROWS = 250_000;

export class DuckDbEventStore implements EventStore {
  private writeChain: Promise<unknown> = Promise.resolve();
  private loadTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private rollupRowsSinceCompact = 0;
  private readonly rows = new RowWriter();
  /** Path → template, cleared when full: a day of logs repeats few paths many times. */
  private templates = new Map<string, string>();
  private readonly templateOf = (path: string): string => {
    let t = this.templates.get(path);
    if (t === undefined) {
      if (this.templates.size >= 50_000) this.templates = new Map();
      t = this.templatePath(path);
      this.templates.set(path, t);
    }
    return t;
  };

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly journal: IngestJournal,
    private readonly templatePath: (path: string) => string,
    private readonly loadIntervalMs: number,
    private readonly onError: (err: unknown) => void,
    private readonly tempJournal: string | undefined,
    private readonly rollups: boolean,
    private readonly compactAfterRows: number,
  ) {}

  static async open(options: DuckDbEventStoreOptions): Promise<DuckDbEventStore> {
    // Loads may insert in parallel: nothing reads rows in insertion order (scans sort by time).
    const config: Record<string, string> = { preserve_insertion_order: 'false' };
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    const instance = await DuckDBInstance.create(options.path, config);
    const writer = await instance.connect();
    const reader = await instance.connect();
    await migrate(writer);
    await refreshDerived(writer);
    const memory = options.path === ':memory:';
    const tempJournal = memory && !options.journalDir ? mkdtempSync(join(tmpdir(), 'rampart-journal-')) : undefined;
    const [last] = (await writer.runAndReadAll('SELECT max(name) AS name FROM loaded_segments')).getRowObjects();
    const minSeq = last?.name == null ? 1 : IngestJournal.seqOf(String(last.name)) + 1;
    const journal = new IngestJournal(
      options.journalDir ?? tempJournal ?? `${options.path}.journal`,
      options.segmentBytes,
      minSeq,
    );
    const store = new DuckDbEventStore(
      instance,
      writer,
      reader,
      journal,
      options.templatePath ?? ((p) => p),
      options.loadIntervalMs ?? 1000,
      options.onError ?? (() => undefined),
      tempJournal,
      options.rollups ?? true,
      options.compactAfterRows ?? COMPACT_AFTER_ROWS,
    );
    // A full segment is loaded at once: replays, which journal faster than the load timer fires, then load
    // in segment-sized steps (≈ 380k rows), which DuckDB stores at half the CPU per row of 100k-row steps.
    journal.onFull = () => store.loadSealed();
    // Recovery: whatever an earlier process journalled but did not load is loaded now, exactly once.
    await store.flush();
    return store;
  }

  append(events: readonly EnrichedEvent[]): Promise<number> {
    if (events.length === 0) return Promise.resolve(0);
    for (const e of events) this.rows.event(e, this.templateOf);
    return this.journal.append(this.rows.take()).then(() => {
      this.scheduleLoad();
      return events.length;
    });
  }

  /** Loads every journalled event into DuckDB; queries see events once loaded (within `loadIntervalMs`). */
  flush(): Promise<void> {
    const run = this.writeChain.then(async () => this.loadSegments(await this.journal.seal()));
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  /** Loads the sealed segments, leaving the open one to fill. */
  private loadSealed(): void {
    if (this.closed) return;
    const run = this.writeChain.then(() => this.loadSegments(this.journal.sealed()));
    this.writeChain = run.catch(() => undefined);
    run.catch((err) => this.onError(err));
  }

  private scheduleLoad(): void {
    if (this.loadTimer || this.closed) return;
    this.loadTimer = setTimeout(() => {
      this.loadTimer = undefined;
      this.flush().catch((err) => this.onError(err));
    }, this.loadIntervalMs);
  }

  private async loadSegments(segments: readonly string[]): Promise<void> {
    for (const segment of segments) {
      const loaded = await this.writer.runAndReadAll('SELECT 1 FROM loaded_segments WHERE name = ?', [segment]);
      if (loaded.getRows().length === 0) {
        await this.writer.run('BEGIN TRANSACTION');
        try {
          // Rows are appended after every row id already in the table (deleted ones included), so the rows
          // past the table's highest row id before the insert are exactly this segment's: the rollup reads
          // them back instead of a staged copy (staging every column first cost a third of the load's CPU).
          const [top] = (
            await this.writer.runAndReadAll('SELECT coalesce(max(rowid), -1) AS r FROM events')
          ).getRowObjects();
          const after = BigInt(top?.r as bigint);
          // A torn last line (a crash mid-write, so never acknowledged) reads as NULLs and is skipped.
          await this.writer.run(
            `INSERT INTO events (${EVENT_COLUMNS.join(', ')}, ip_key, path_key)
             SELECT ${EVENT_COLUMNS.join(', ')}, ${KEY_COLUMNS.ip_key} AS ip_key, ${KEY_COLUMNS.path_key} AS path_key
             FROM read_json(?, format = 'newline_delimited', ignore_errors = true, columns = ${READ_JSON_COLUMNS})
             WHERE ts IS NOT NULL AND ip IS NOT NULL`,
            [this.journal.path(segment)],
          );
          this.rollupRowsSinceCompact += await addSegment(
            this.writer,
            `(SELECT ${ROLLUP_INPUT} FROM events WHERE rowid > ${after.toString()})`,
          );
          await this.writer.run('INSERT INTO loaded_segments VALUES (?)', [segment]);
          if (this.rollupRowsSinceCompact >= this.compactAfterRows) await compact(this.writer);
          await this.writer.run('COMMIT');
          if (this.rollupRowsSinceCompact >= this.compactAfterRows) this.rollupRowsSinceCompact = 0;
        } catch (err) {
          await this.writer.run('ROLLBACK');
          throw err;
        }
      }
      this.journal.remove(segment);
    }
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
      `SELECT (ts // ?::BIGINT) * ?::BIGINT AS t, count(*) AS n${classes} FROM events WHERE ${where.sql} GROUP BY t ORDER BY t`,
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
    const dim = DIMENSION_SQL[q.dimension];
    const limit = BigInt(Math.max(1, Math.min(q.limit, 10_000)));
    // Per address the distinct-address count is 1: skipping the sketch halves the busiest breakdown.
    const ips = q.dimension === 'ip' ? '1' : 'approx_count_distinct(ip_key)';
    const src = dim.rollup ? this.source(q.range, q.filter) : rawSource(where.sql, where.params);
    if (!dim.keyed) {
      const rows = await this.query(
        `SELECT ${dim.label ?? 'g'} AS k, n, b, ips FROM (SELECT ${dim.group} AS g, ${src.n} AS n,
           ${src.b} AS b, ${ips} AS ips FROM ${src.sql} GROUP BY g)
         ORDER BY n DESC, k LIMIT ?`,
        [...src.params, limit],
      );
      return rows.map(toBreakdownRow);
    }
    // Keyed: the busiest keys (ties in key order) without the sketch, then the texts and distinct
    // addresses of those keys only, from the rows that carry them.
    const top = await this.query(
      `SELECT ${dim.group} AS g, ${src.n} AS n, ${src.b} AS b FROM ${src.sql} GROUP BY g ORDER BY n DESC, g LIMIT ?`,
      [...src.params, limit],
    );
    if (top.length === 0) return [];
    const text = dim.keyed.text;
    // The address count per path needs the filter; a text does not (any row with the key has it, and a
    // collision seen outside the filter only sends the query to the exact fallback).
    const named = q.dimension === 'ip' ? whereClause(q.range, undefined) : where;
    const names = await this.query(
      `SELECT ${dim.group} AS g, min(${text}) AS k, count(DISTINCT ${text}) AS texts, ${ips} AS ips FROM events
       WHERE ${named.sql} AND ${dim.group} IN (${top.map(() => '?::UBIGINT').join(', ')}) GROUP BY g`,
      [...named.params, ...top.map((r) => r.g as DuckDBValue)],
    );
    const byKey = new Map(names.map((r) => [String(r.g), r]));
    if (names.some((r) => Number(r.texts) !== 1) || byKey.size !== top.length) {
      // Two texts behind one 64-bit key (or a key without rows): group by the text itself, exactly.
      const rows = await this.query(
        `SELECT ${text} AS k, count(*) AS n, sum(greatest(bytes, 0)) AS b, ${ips} AS ips
         FROM events WHERE ${where.sql} GROUP BY k ORDER BY n DESC, k LIMIT ?`,
        [...where.params, limit],
      );
      return rows.map(toBreakdownRow);
    }
    return top.map((r) => {
      const name = byKey.get(String(r.g));
      return toBreakdownRow({ ...r, k: name?.k ?? null, ips: name?.ips ?? 0 });
    });
  }

  async totals(q: { range: TimeRange; filter?: EventFilter }): Promise<Totals> {
    const src = this.source(q.range, q.filter);
    const [row] = await this.query(
      `SELECT ${src.n} AS n, count(DISTINCT ip_key) AS ips, coalesce(${src.b}, 0) AS b, ${src.first} AS first,
       ${src.last} AS last FROM ${src.sql}`,
      src.params,
    );
    return {
      requests: Number(row?.n ?? 0),
      ips: Number(row?.ips ?? 0),
      bytes: Number(row?.b ?? 0),
      first: row?.first == null ? undefined : Number(row.first),
      last: row?.last == null ? undefined : Number(row.last),
    };
  }

  /** Where a range's client-level figures come from: the client rollup when the filter allows, else raw. */
  private source(range: TimeRange, filter: EventFilter | undefined): Source {
    const rolled = this.rollups && rollupAnswers(filter) ? rollupSource(range, filter) : undefined;
    if (!rolled) {
      const where = whereClause(range, filter);
      return rawSource(where.sql, where.params);
    }
    return {
      sql: `${rolled.sql} AS r`,
      params: rolled.params,
      n: 'sum(n)',
      b: 'sum(b)',
      first: 'min(first_ts)',
      last: 'max(last_ts)',
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
      const cut = async (ts: bigint) => {
        // The rollup of the hour the cut goes through is rebuilt from the events left in it.
        await this.writer.run('BEGIN TRANSACTION');
        try {
          const r = await this.writer.run('DELETE FROM events WHERE ts < ?::BIGINT', [ts]);
          await cutBefore(this.writer, Number(ts));
          await this.writer.run('COMMIT');
          deleted += r.rowsChanged;
        } catch (err) {
          await this.writer.run('ROLLBACK');
          throw err;
        }
      };
      if (policy.maxAgeMs !== undefined) await cut(BigInt(Math.floor(now - policy.maxAgeMs)));
      if (policy.maxEvents !== undefined) {
        const [row] = (await this.writer.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjects();
        const excess = Number(row?.n ?? 0) - policy.maxEvents;
        if (excess > 0) {
          const [at] = (
            await this.writer.runAndReadAll('SELECT ts FROM events ORDER BY ts LIMIT 1 OFFSET ?', [BigInt(excess)])
          ).getRowObjects();
          if (at?.ts != null) await cut(BigInt(at.ts as bigint));
        }
      }
      return { deleted };
    });
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  async lastEventTime(): Promise<number | undefined> {
    const [row] = await this.query('SELECT max(ts) AS last FROM events', []);
    return row?.last == null ? undefined : Number(row.last);
  }

  async count(): Promise<number> {
    const [row] = await this.query('SELECT count(*) AS n FROM events', []);
    return Number(row?.n ?? 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.loadTimer) clearTimeout(this.loadTimer);
    this.loadTimer = undefined;
    await this.flush().catch((err) => this.onError(err));
    this.journal.close();
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
    if (this.tempJournal) rmSync(this.tempJournal, { recursive: true, force: true });
  }

  private async query(sql: string, params: DuckDBValue[]): Promise<Record<string, DuckDBValue>[]> {
    const reader = await this.reader.runAndReadAll(sql, params);
    return reader.getRowObjects();
  }
}

/** A FROM clause and the aggregates that count requests, bytes and the time span over it. */
interface Source {
  readonly sql: string;
  readonly params: DuckDBValue[];
  readonly n: string;
  readonly b: string;
  readonly first: string;
  readonly last: string;
}

function rawSource(where: string, params: DuckDBValue[]): Source {
  return {
    sql: `events WHERE ${where}`,
    params,
    n: 'count(*)',
    b: 'sum(greatest(bytes, 0))',
    first: 'min(ts)',
    last: 'max(ts)',
  };
}

function toBreakdownRow(row: Record<string, DuckDBValue>): BreakdownRow {
  return { key: String(row.k), requests: Number(row.n), bytes: Number(row.b ?? 0), ips: Number(row.ips) };
}

/**
 * Recomputes the key columns and rebuilds the client rollup when they were derived by another DuckDB
 * version (its `hash` may differ) or rollup layout: a new or upgraded store, or rows inserted by hand.
 */
async function refreshDerived(conn: DuckDBConnection): Promise<void> {
  const [v] = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjects();
  const version = `${String(v?.v)} ${DERIVED_LAYOUT}`;
  const [meta] = (
    await conn.runAndReadAll("SELECT value FROM store_meta WHERE name = 'derived_version'")
  ).getRowObjects();
  if (meta?.value === version) return;
  await conn.run('BEGIN TRANSACTION');
  await conn.run(`UPDATE events SET ip_key = ${KEY_COLUMNS.ip_key}, path_key = ${KEY_COLUMNS.path_key}`);
  await conn.run('DELETE FROM client_hours');
  await conn.run('DELETE FROM client_hours_dirty');
  await conn.run(`INSERT INTO client_hours ${rollupSelect('events')}`);
  await conn.run("INSERT OR REPLACE INTO store_meta VALUES ('derived_version', ?)", [version]);
  await conn.run('COMMIT');
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
