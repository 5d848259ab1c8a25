/**
 * API tokens for machines, in their own table of the state database (`state.db`), opened on a second
 * connection so the state store's migrations stay untouched. Only a SHA-256 of each token is stored: the
 * token has 256 random bits, so a fast hash is enough, and the plain text is shown once, at creation.
 * Changes are audited through the state store's audit trail ('token_change').
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RampartError } from '@rampart/core';
import Database from 'better-sqlite3';
import type { Principal, Scope } from '../../api/auth.js';
import { SCOPES } from '../../api/auth.js';
import type { ChangeContext, StateStore } from '../contract/state-store.js';

export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: number;
  readonly revokedAt: number | undefined;
}

interface Row {
  id: string;
  name: string;
  scopes: string;
  hash: string;
  created_at: number;
  revoked_at: number | null;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const toRecord = (r: Row): TokenRecord => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes.split(',') as Scope[],
  createdAt: r.created_at,
  revokedAt: r.revoked_at ?? undefined,
});

export class SqliteTokenStore {
  private readonly db: Database.Database;
  /** Authenticated tokens by hash; a revocation clears it. Bounded by the number of live tokens. */
  private readonly cache = new Map<string, Principal & { id: string }>();

  constructor(
    path: string,
    private readonly state: StateStore,
  ) {
    this.db = new Database(path);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS api_tokens (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL, revoked_at INTEGER) STRICT`);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL').get() as { n: number }).n;
  }

  /** Creates a token; the returned `token` text is never stored and cannot be shown again. */
  async create(
    name: string,
    scopes: readonly Scope[],
    ctx: ChangeContext,
  ): Promise<{ token: string; record: TokenRecord }> {
    if (!/^[\w.@-]{1,64}$/.test(name))
      throw new RampartError('INVALID_ARGUMENT', `not a token name: ${JSON.stringify(name.slice(0, 64))}`);
    const bad = scopes.filter((s) => !SCOPES.includes(s));
    if (scopes.length === 0 || bad.length > 0) {
      throw new RampartError('INVALID_ARGUMENT', `scopes must be some of ${SCOPES.join(', ')}`);
    }
    if (this.db.prepare('SELECT 1 FROM api_tokens WHERE name = ?').get(name)) {
      throw new RampartError('CONFLICT', `a token named ${JSON.stringify(name)} exists`);
    }
    const id = `t_${randomBytes(6).toString('hex')}`;
    const token = `rmp_${randomBytes(32).toString('base64url')}`;
    const row: Row = {
      id,
      name,
      scopes: [...new Set(scopes)].join(','),
      hash: hashOf(token),
      created_at: ctx.now,
      revoked_at: null,
    };
    this.db
      .prepare(
        'INSERT INTO api_tokens (id, name, scopes, hash, created_at, revoked_at) VALUES (@id, @name, @scopes, @hash, @created_at, @revoked_at)',
      )
      .run(row);
    const record = toRecord(row);
    await this.state.audit.append(
      { action: 'token_change', entityKind: 'token', entityId: id, reason: 'created', before: null, after: record },
      ctx,
    );
    return { token, record };
  }

  list(): TokenRecord[] {
    return (this.db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id').all() as Row[]).map(toRecord);
  }

  async revoke(id: string, ctx: ChangeContext): Promise<TokenRecord> {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as Row | undefined;
    if (!row || row.revoked_at !== null) throw new RampartError('NOT_FOUND', `no active token ${JSON.stringify(id)}`);
    this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(ctx.now, id);
    this.cache.clear();
    const after = { ...toRecord(row), revokedAt: ctx.now };
    await this.state.audit.append(
      { action: 'token_change', entityKind: 'token', entityId: id, reason: 'revoked', before: toRecord(row), after },
      ctx,
    );
    return after;
  }

  /** The principal for a token text, or undefined; constant-time comparison of the stored hash. */
  authenticate(token: string): (Principal & { id: string }) | undefined {
    if (token.length < 8 || token.length > 200) return undefined;
    const hash = hashOf(token);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE hash = ? AND revoked_at IS NULL').get(hash) as
      | Row
      | undefined;
    if (!row || !timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash))) return undefined;
    const principal = { id: row.id, name: row.name, scopes: new Set(row.scopes.split(',') as Scope[]) };
    this.cache.set(hash, principal);
    return principal;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
