/**
 * The team's tables (users, one-time links for invitations and password resets, log-in failure counters,
 * sessions) in the state database `state.db`, on their own connection and with their own migration list
 * (`team_migrations`) so the state store's migrations stay untouched. Only hashes of link tokens and
 * session ids are stored. Removed users stay as rows (history); an e-mail is unique among active users.
 */
import Database from 'better-sqlite3';
import type { Role } from '../../team/roles.js';
import type {
  AttemptRecord,
  LinkPurpose,
  LinkRecord,
  SessionRecord,
  TeamStore,
  UserRecord,
} from '../../team/team-store.js';

const TEAM_MIGRATIONS: readonly { readonly name: string; readonly sql: string }[] = [
  {
    name: '001_team',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY, email TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT,
  created_at INTEGER NOT NULL, password_changed_at INTEGER, removed_at INTEGER
) STRICT;
CREATE UNIQUE INDEX users_active_email ON users (email) WHERE removed_at IS NULL;
CREATE TABLE user_links (
  hash TEXT PRIMARY KEY, purpose TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER
) STRICT;
CREATE INDEX user_links_by_user ON user_links (user_id, purpose);
CREATE TABLE login_attempts (
  key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start INTEGER NOT NULL,
  locked_until INTEGER NOT NULL, lockouts INTEGER NOT NULL
) STRICT;
CREATE TABLE user_sessions (
  id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id), csrf_secret TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
  revoked_at INTEGER, address TEXT NOT NULL, user_agent TEXT NOT NULL
) STRICT;
CREATE INDEX user_sessions_by_user ON user_sessions (user_id);
`,
  },
  { name: '002_last_login', sql: 'ALTER TABLE users ADD COLUMN last_login_at INTEGER;' },
];

function migrateTeam(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS team_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT');
  db.transaction(() => {
    const applied = (db.prepare('SELECT COUNT(*) AS n FROM team_migrations').get() as { n: number }).n;
    for (let v = applied; v < TEAM_MIGRATIONS.length; v++) {
      const m = TEAM_MIGRATIONS[v]!;
      db.exec(m.sql);
      db.prepare('INSERT INTO team_migrations (version, name) VALUES (?, ?)').run(v + 1, m.name);
    }
  }).immediate();
}

interface UserRow {
  id: string;
  email: string;
  role: string;
  password_hash: string | null;
  created_at: number;
  password_changed_at: number | null;
  removed_at: number | null;
  last_login_at: number | null;
}
interface LinkRow {
  hash: string;
  purpose: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}
interface AttemptRow {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number;
  lockouts: number;
}
interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_secret: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  address: string;
  user_agent: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  passwordHash: r.password_hash ?? undefined,
  createdAt: r.created_at,
  passwordChangedAt: r.password_changed_at ?? undefined,
  removedAt: r.removed_at ?? undefined,
  ...(r.last_login_at !== null ? { lastLoginAt: r.last_login_at } : {}),
});
const toLink = (r: LinkRow): LinkRecord => ({
  hash: r.hash,
  purpose: r.purpose as LinkPurpose,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at ?? undefined,
});
const toSession = (r: SessionRow): SessionRecord => ({
  idHash: r.id_hash,
  userId: r.user_id,
  csrfSecret: r.csrf_secret,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at ?? undefined,
  address: r.address,
  userAgent: r.user_agent,
});

export class SqliteUserStore implements TeamStore {
  private readonly db: Database.Database;

  /** Opens `path` (normally `<data>/state.db`, or ':memory:'), creating the team tables as needed. */
  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    migrateTeam(this.db);
  }

  insertUser(u: UserRecord): void {
    this.db
      .prepare(
        `INSERT INTO users (id, email, role, password_hash, created_at, password_changed_at, removed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        u.id,
        u.email,
        u.role,
        u.passwordHash ?? null,
        u.createdAt,
        u.passwordChangedAt ?? null,
        u.removedAt ?? null,
      );
  }

  userById(id: string): UserRecord | undefined {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r && toUser(r);
  }

  userByEmail(email: string): UserRecord | undefined {
    const r = this.db.prepare('SELECT * FROM users WHERE email = ? AND removed_at IS NULL').get(email) as
      | UserRow
      | undefined;
    return r && toUser(r);
  }

  listUsers(includeRemoved = false): UserRecord[] {
    const sql = `SELECT * FROM users ${includeRemoved ? '' : 'WHERE removed_at IS NULL'} ORDER BY created_at, id`;
    return (this.db.prepare(sql).all() as UserRow[]).map(toUser);
  }

  setRole(id: string, role: Role): void {
    this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
  }

  setPassword(id: string, hash: string, now: number): void {
    this.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(hash, now, id);
  }

  markRemoved(id: string, now: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(now, id);
      this.db.prepare('UPDATE user_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL').run(now, id);
      this.db.prepare('UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(now, id);
    })();
  }

  setLastLogin(id: string, now: number): void {
    this.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(now, id);
  }

  insertLink(l: LinkRecord): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE user_links SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL')
        .run(l.createdAt, l.userId, l.purpose);
      this.db
        .prepare(
          'INSERT INTO user_links (hash, purpose, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(l.hash, l.purpose, l.userId, l.createdAt, l.expiresAt, l.usedAt ?? null);
    })();
  }

  consumeLink(hash: string, purpose: LinkPurpose, now: number): LinkRecord | undefined {
    // One UPDATE decides: two concurrent acceptances cannot both see the link unused.
    const r = this.db
      .prepare(
        `UPDATE user_links SET used_at = ? WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
         RETURNING *`,
      )
      .get(now, hash, purpose, now) as LinkRow | undefined;
    return r && toLink(r);
  }

  linkByHash(hash: string): LinkRecord | undefined {
    const r = this.db.prepare('SELECT * FROM user_links WHERE hash = ?').get(hash) as LinkRow | undefined;
    return r && toLink(r);
  }

  attempt(key: string): AttemptRecord | undefined {
    const r = this.db.prepare('SELECT * FROM login_attempts WHERE key = ?').get(key) as AttemptRow | undefined;
    return (
      r && {
        key: r.key,
        failures: r.failures,
        windowStart: r.window_start,
        lockedUntil: r.locked_until,
        lockouts: r.lockouts,
      }
    );
  }

  putAttempt(a: AttemptRecord): void {
    this.db
      .prepare(
        `INSERT INTO login_attempts (key, failures, window_start, locked_until, lockouts) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
           locked_until = excluded.locked_until, lockouts = excluded.lockouts`,
      )
      .run(a.key, a.failures, a.windowStart, a.lockedUntil, a.lockouts);
  }

  clearAttempt(key: string): void {
    this.db.prepare('DELETE FROM login_attempts WHERE key = ?').run(key);
  }

  insertSession(s: SessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO user_sessions (id_hash, user_id, csrf_secret, created_at, expires_at, last_seen_at, revoked_at,
           address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.idHash,
        s.userId,
        s.csrfSecret,
        s.createdAt,
        s.expiresAt,
        s.lastSeenAt,
        s.revokedAt ?? null,
        s.address,
        s.userAgent,
      );
  }

  session(idHash: string): SessionRecord | undefined {
    const r = this.db.prepare('SELECT * FROM user_sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined;
    return r && toSession(r);
  }

  touchSession(idHash: string, now: number): void {
    this.db.prepare('UPDATE user_sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, idHash);
  }

  revokeSession(idHash: string, now: number): boolean {
    return (
      this.db
        .prepare('UPDATE user_sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL')
        .run(now, idHash).changes > 0
    );
  }

  revokeUserSessions(userId: string, now: number): number {
    return this.db
      .prepare('UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
      .run(now, userId).changes;
  }

  prune(before: number): number {
    return this.db.transaction(() => {
      const s = this.db
        .prepare('DELETE FROM user_sessions WHERE expires_at < ? OR revoked_at < ?')
        .run(before, before).changes;
      const l = this.db
        .prepare('DELETE FROM user_links WHERE expires_at < ? OR used_at < ?')
        .run(before, before).changes;
      const a = this.db
        .prepare('DELETE FROM login_attempts WHERE locked_until < ? AND window_start < ?')
        .run(before, before).changes;
      return s + l + a;
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
