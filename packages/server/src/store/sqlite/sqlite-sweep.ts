/**
 * Ending bans and allow entries: explicit removal, supersede, and the expiry sweep that notices entries
 * whose time is up and writes their 'expire' / 'allow_expire' audit records (the server calls it on a
 * timer, the CLI on every run, the decision stream before every answer).
 */
import type { EndReason } from '../contract/state-store.js';
import { type AllowRow, allowFromRow, type BanRow, banFromRow } from './rows.js';
import type { SqliteContext } from './sqlite-context.js';

/** MUST be called inside a transaction; does not audit (the caller's record covers it). */
export function endBans(ctx: SqliteContext, rows: BanRow[], reason: EndReason, at: number, revision: number): void {
  const stmt = ctx.db.prepare('UPDATE bans SET ended_at = ?, end_reason = ?, end_revision = ? WHERE seq = ?');
  for (const r of rows) stmt.run(at, reason, revision, r.seq);
}

export function sweepBans(ctx: SqliteContext, now: number): number {
  return ctx.db
    .transaction(() => {
      const rows = ctx.db
        .prepare('SELECT * FROM bans WHERE ended_at IS NULL AND expires_at <= ? ORDER BY seq')
        .all(now) as BanRow[];
      if (rows.length === 0) return 0;
      const revision = ctx.nextRevision();
      for (const row of rows) {
        // The entry ended when its time was up; the audit record is dated when the expiry was noticed.
        const at = row.expires_at ?? now;
        endBans(ctx, [row], 'expired', at, revision);
        const before = banFromRow(row);
        const after = { ...before, endedAt: at, endReason: 'expired' };
        const reason = `expired at ${new Date(at).toISOString()}`;
        ctx.audit({
          ts: now,
          actor: 'system',
          action: 'expire',
          entityKind: 'ban',
          entityId: before.id,
          reason,
          before,
          after,
        });
      }
      return rows.length;
    })
    .immediate();
}

export function sweepAllows(ctx: SqliteContext, now: number): number {
  return ctx.db
    .transaction(() => {
      const rows = ctx.db
        .prepare('SELECT * FROM allows WHERE ended_at IS NULL AND expires_at <= ? ORDER BY seq')
        .all(now) as AllowRow[];
      const stmt = ctx.db.prepare("UPDATE allows SET ended_at = ?, end_reason = 'expired' WHERE seq = ?");
      for (const row of rows) {
        const at = row.expires_at ?? now;
        stmt.run(at, row.seq);
        const before = allowFromRow(row);
        const after = { ...before, endedAt: at, endReason: 'expired' };
        const reason = `expired at ${new Date(at).toISOString()}`;
        ctx.audit({
          ts: now,
          actor: 'system',
          action: 'allow_expire',
          entityKind: 'allow',
          entityId: before.id,
          reason,
          before,
          after,
        });
      }
      return rows.length;
    })
    .immediate();
}
