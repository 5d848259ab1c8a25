/** Key-value cache and named cursors on SQLite. Neither is audited: they hold derived, replaceable data. */
import type { CursorStore, KvStore } from '../contract/state-store.js';
import type { SqliteContext } from './sqlite-context.js';

export class SqliteKvStore implements KvStore {
  constructor(private readonly ctx: SqliteContext) {}

  async get(namespace: string, key: string, now: number): Promise<string | undefined> {
    const row = this.ctx.db
      .prepare('SELECT value, expires_at FROM kv WHERE namespace = ? AND key = ?')
      .get(namespace, key) as { value: string; expires_at: number | null } | undefined;
    if (!row || (row.expires_at !== null && row.expires_at <= now)) return undefined;
    return row.value;
  }

  async set(namespace: string, key: string, value: string, expiresAt: number | undefined): Promise<void> {
    this.ctx.db
      .prepare(
        `INSERT INTO kv (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      )
      .run(namespace, key, value, expiresAt ?? null);
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.ctx.db.prepare('DELETE FROM kv WHERE namespace = ? AND key = ?').run(namespace, key);
  }
}

export class SqliteCursorStore implements CursorStore {
  constructor(private readonly ctx: SqliteContext) {}

  async get(name: string): Promise<string | undefined> {
    const row = this.ctx.db.prepare('SELECT value FROM cursors WHERE name = ?').get(name) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  async set(name: string, value: string): Promise<void> {
    this.ctx.db
      .prepare(
        'INSERT INTO cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      )
      .run(name, value);
  }
}
