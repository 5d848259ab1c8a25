/** Allowlist on SQLite: add (reporting the active bans it overlaps and now overrides), remove, list. */
import { normalizeEntryValue, overlaps, RampartError } from '@rampart/core';
import type {
  AllowAddResult,
  AllowInput,
  AllowRecord,
  AllowStore,
  ChangeContext,
  ListQuery,
} from '../contract/state-store.js';
import { ACTIVE_SQL, type AllowRow, allowFromRow, type BanRow, banFromRow, SCOPE_SQL, seqFromId } from './rows.js';
import { checkService, checkTtl } from './sqlite-bans.js';
import type { SqliteContext } from './sqlite-context.js';

export class SqliteAllowStore implements AllowStore {
  constructor(private readonly ctx: SqliteContext) {}

  async add(input: AllowInput, change: ChangeContext): Promise<AllowAddResult> {
    const v = normalizeEntryValue(input.kind, input.value);
    if (!v.ok) throw new RampartError('INVALID_ADDRESS', v.reason);
    const service = checkService(input.service);
    const ttl = checkTtl(input.ttlSeconds);
    const db = this.ctx.db;
    return db
      .transaction((): AllowAddResult => {
        const info = db
          .prepare(
            'INSERT INTO allows (kind, value, service, reason, created_at, expires_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            v.kind,
            v.value,
            service ?? null,
            input.reason,
            change.now,
            ttl === undefined ? null : change.now + ttl * 1000,
            change.actor,
          );
        const entry = allowFromRow(
          db.prepare('SELECT * FROM allows WHERE seq = ?').get(info.lastInsertRowid) as AllowRow,
        );
        this.ctx.audit({
          ts: change.now,
          actor: change.actor,
          action: 'allow',
          entityKind: 'allow',
          entityId: entry.id,
          reason: input.reason,
          before: null,
          after: entry,
        });
        const bans = db
          .prepare(`SELECT * FROM bans WHERE ${ACTIVE_SQL} ORDER BY seq`)
          .all({ now: change.now }) as BanRow[];
        return { entry, conflicts: bans.map(banFromRow).filter((b) => overlaps(b, entry)) };
      })
      .immediate();
  }

  async remove(id: string, reason: string, change: ChangeContext): Promise<AllowRecord | undefined> {
    const seq = seqFromId(id, 'a');
    if (seq === undefined) return undefined;
    const select = () =>
      this.ctx.db
        .prepare(`SELECT * FROM allows WHERE seq = @seq AND ${ACTIVE_SQL}`)
        .all({ seq, now: change.now }) as AllowRow[];
    return this.end(select, reason, change)[0];
  }

  async removeValue(value: string, service: string | undefined, reason: string, change: ChangeContext) {
    // Allow values may be crawler families or API keys, so match the text as given and as normalized.
    const guessed = normalizeEntryValue(undefined, value);
    const candidates = [value.trim(), guessed.ok ? guessed.value : value.trim(), value.trim().toLowerCase()];
    const select = () =>
      this.ctx.db
        .prepare(
          `SELECT * FROM allows WHERE value IN (@a, @b, @c) AND service IS @service AND ${ACTIVE_SQL} ORDER BY seq`,
        )
        .all({
          a: candidates[0],
          b: candidates[1],
          c: candidates[2],
          service: checkService(service) ?? null,
          now: change.now,
        }) as AllowRow[];
    return this.end(select, reason, change);
  }

  /** Selects and ends in one write transaction, so two removers never both end (and audit) one entry. */
  private end(select: () => AllowRow[], reason: string, change: ChangeContext): AllowRecord[] {
    const stmt = this.ctx.db.prepare("UPDATE allows SET ended_at = ?, end_reason = 'removed' WHERE seq = ?");
    return this.ctx.db
      .transaction(() =>
        select().map((row) => {
          stmt.run(change.now, row.seq);
          const before = allowFromRow(row);
          const after: AllowRecord = { ...before, endedAt: change.now, endReason: 'removed' };
          this.ctx.audit({
            ts: change.now,
            actor: change.actor,
            action: 'unallow',
            entityKind: 'allow',
            entityId: before.id,
            reason,
            before,
            after,
          });
          return after;
        }),
      )
      .immediate();
  }

  async get(id: string): Promise<AllowRecord | undefined> {
    const seq = seqFromId(id, 'a');
    const row =
      seq === undefined
        ? undefined
        : (this.ctx.db.prepare('SELECT * FROM allows WHERE seq = ?').get(seq) as AllowRow | undefined);
    return row ? allowFromRow(row) : undefined;
  }

  async list(q: ListQuery): Promise<AllowRecord[]> {
    const where = q.includeInactive ? SCOPE_SQL : `${ACTIVE_SQL} AND ${SCOPE_SQL}`;
    const rows = this.ctx.db
      .prepare(`SELECT * FROM allows WHERE ${where} ORDER BY seq`)
      .all({ now: q.now, service: q.service ?? null }) as AllowRow[];
    return rows.map(allowFromRow);
  }
}
