/**
 * The DuckDB event-store schema and its migrations. Column order is the appender's order: keep
 * `EVENT_COLUMNS` and the CREATE TABLE in step. A migration is appended, never edited.
 */

export const EVENT_COLUMNS = [
  'ts',
  'ip',
  'ip4',
  'ip6_hi',
  'ip6_lo',
  'method',
  'host',
  'path',
  'path_template',
  'query',
  'status',
  'bytes',
  'request_time',
  'referer',
  'user_agent',
  'protocol',
  'api_key',
  'user_name',
  'session',
  'country',
  'asn',
  'org',
  'network_type',
  'ua_class',
  'ua_family',
  'crawler',
  'crawler_verified',
  'service',
  'source',
  'line',
] as const;

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
    ts BIGINT NOT NULL,
    ip VARCHAR NOT NULL,
    ip4 UINTEGER,
    ip6_hi UBIGINT,
    ip6_lo UBIGINT,
    client VARCHAR NOT NULL,
    subnet VARCHAR NOT NULL,
    method VARCHAR NOT NULL,
    host VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    path_template VARCHAR NOT NULL,
    query VARCHAR NOT NULL,
    status SMALLINT NOT NULL,
    bytes BIGINT NOT NULL,
    request_time DOUBLE,
    referer VARCHAR NOT NULL,
    user_agent VARCHAR NOT NULL,
    protocol VARCHAR NOT NULL,
    api_key VARCHAR,
    user_name VARCHAR,
    session VARCHAR,
    country VARCHAR,
    asn UINTEGER,
    org VARCHAR,
    network_type VARCHAR NOT NULL,
    ua_class VARCHAR NOT NULL,
    ua_family VARCHAR,
    crawler VARCHAR,
    crawler_verified BOOLEAN,
    service VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    line BIGINT NOT NULL
  )`,
  'CREATE TABLE loaded_segments (name VARCHAR PRIMARY KEY)',
  // Numeric grouping keys (see KEY_COLUMNS): grouping and counting distinct on 8-byte integers instead of
  // strings halves the breakdowns and totals on millions of rows.
  'ALTER TABLE events ADD COLUMN ip_key UBIGINT',
  'ALTER TABLE events ADD COLUMN path_key UBIGINT',
  'CREATE TABLE store_meta (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)',
  // The client rollup (client-rollup.ts); filled from the events by `refreshDerived`.
  `CREATE TABLE client_hours (
    hour BIGINT NOT NULL,
    service VARCHAR NOT NULL,
    network_type VARCHAR NOT NULL,
    ip_key UBIGINT NOT NULL,
    ip4 UINTEGER,
    ip6_hi UBIGINT,
    ip6_lo UBIGINT,
    asn UINTEGER,
    country VARCHAR,
    n BIGINT NOT NULL,
    b BIGINT NOT NULL,
    first_ts BIGINT NOT NULL,
    last_ts BIGINT NOT NULL
  )`,
  'CREATE TABLE client_hours_dirty (hour BIGINT PRIMARY KEY)',
  // Nothing read `client` and `subnet` (detection keeps its own; queries use ip4/ip6 and the keys): two
  // high-cardinality strings per row were a tenth of the journal and of the load's parse, insert and
  // compression. Journal segments written before still load (read_json skips keys not in its columns).
  'ALTER TABLE events DROP COLUMN client',
  'ALTER TABLE events DROP COLUMN subnet',
];

/**
 * Derived key columns, computed by DuckDB when rows are loaded. `ip_key` is the IPv4 address itself (exact)
 * or a 64-bit hash of the IPv6 text; `path_key` a 64-bit hash of the path. Queries group by the key and
 * read the text back for the rows they return, checking that no key stands for two texts (a collision
 * falls back to grouping by text). DuckDB's `hash` may change between versions, so the store recomputes
 * the keys of every row, and the rollup, when they were computed by another DuckDB version or rollup
 * layout (`DERIVED_VERSION` in `store_meta`).
 */
export const DERIVED_LAYOUT = 'client_hours 1';

export const KEY_COLUMNS = {
  ip_key: 'coalesce(ip4::UBIGINT, hash(ip))',
  path_key: 'hash(path)',
} as const;

/** Column types for `read_json(..., columns = …)`, from the table definition (migration 1), of EVENT_COLUMNS. */
export const READ_JSON_COLUMNS = `{${[...MIGRATIONS[0]!.matchAll(/^\s+(\w+) (\w+)/gm)]
  .filter((m) => (EVENT_COLUMNS as readonly string[]).includes(m[1]!))
  .map((m) => `${m[1]}: '${m[2]}'`)
  .join(', ')}}`;
