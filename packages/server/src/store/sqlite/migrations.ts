/**
 * Schema migrations of the SQLite state store, applied in order inside one transaction each and recorded
 * in `schema_migrations`. Append only: a released migration MUST NOT change, a new one goes at the end.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly { readonly name: string; readonly sql: string }[] = [
  {
    name: '001_state',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE bans (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL, value TEXT NOT NULL, mode TEXT NOT NULL, service TEXT,
  origin TEXT NOT NULL, reason TEXT NOT NULL, finding_id TEXT, report_id TEXT,
  created_at INTEGER NOT NULL, expires_at INTEGER, offence INTEGER NOT NULL, actor TEXT NOT NULL,
  ended_at INTEGER, end_reason TEXT, revision INTEGER NOT NULL, end_revision INTEGER
) STRICT;
CREATE INDEX bans_by_value ON bans (kind, value, service, created_at);
CREATE INDEX bans_open ON bans (ended_at, expires_at);
CREATE INDEX bans_by_end_revision ON bans (end_revision);
CREATE TABLE allows (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL, value TEXT NOT NULL, service TEXT, reason TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER, actor TEXT NOT NULL,
  ended_at INTEGER, end_reason TEXT
) STRICT;
CREATE INDEX allows_open ON allows (ended_at, expires_at);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL, reason TEXT NOT NULL,
  before_json TEXT NOT NULL, after_json TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit (entity_id);
CREATE TABLE reports (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, service TEXT NOT NULL, created_at INTEGER NOT NULL,
  status TEXT NOT NULL, doc TEXT NOT NULL
) STRICT;
CREATE INDEX reports_by_service ON reports (service, status);
CREATE TABLE kv (
  namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, expires_at INTEGER,
  PRIMARY KEY (namespace, key)
) STRICT;
CREATE TABLE cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`,
  },
];

/** Applies pending migrations; returns the schema version (count of applied migrations). */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT');
  const applied = db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
  for (let v = applied.n; v < MIGRATIONS.length; v++) {
    const m = MIGRATIONS[v]!;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(v + 1, m.name);
    })();
  }
  return MIGRATIONS.length;
}
