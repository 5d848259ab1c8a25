/**
 * The embedded state store: one SQLite file (`state.db`) in the data directory.
 * Journal mode WAL so readers (the CLI, the dashboard) never block the writer; `synchronous = FULL`
 * because every write here is a decision someone was told about (a ban, an approval, an audit record):
 * it MUST survive a power cut, and the write rate is a handful per minute, so an fsync per commit costs
 * nothing that matters. `busy_timeout` lets the CLI and a running server share the file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { StateStore, StateStoreOptions } from '../contract/state-store.js';
import { migrate } from './migrations.js';
import { SqliteAllowStore } from './sqlite-allow.js';
import { SqliteAuditStore } from './sqlite-audit.js';
import { SqliteBanStore } from './sqlite-bans.js';
import { SqliteContext } from './sqlite-context.js';
import { SqliteCursorStore, SqliteKvStore } from './sqlite-kv.js';
import { SqliteReportStore } from './sqlite-reports.js';
import { sweepAllows, sweepBans } from './sqlite-sweep.js';

export const STATE_DB_FILE = 'state.db';

/** Opens (creating and migrating as needed) the state store at `path`; ':memory:' for a throwaway one. */
export function openSqliteStateStore(path: string, options: StateStoreOptions): StateStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = migrate(db);
  const ctx = new SqliteContext(db, options);
  return {
    backend: 'sqlite',
    bans: new SqliteBanStore(ctx),
    allow: new SqliteAllowStore(ctx),
    audit: new SqliteAuditStore(ctx),
    reports: new SqliteReportStore(ctx),
    kv: new SqliteKvStore(ctx),
    cursors: new SqliteCursorStore(ctx),
    schemaVersion: async () => version,
    sweepExpired: async (now) => ({ bans: sweepBans(ctx, now), allows: sweepAllows(ctx, now) }),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
