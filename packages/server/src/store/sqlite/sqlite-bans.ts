/**
 * Ban list on SQLite: add with escalation and supersede, remove, history, allow-overlap reporting, and the
 * revision-based change feed for decision streams.
 */
import { escalatedTtl, normalizeEntryValue, overlaps, RampartError } from '@rampart/core';
import type {
  BanAddResult,
  BanChanges,
  BanInput,
  BanRecord,
  BanStore,
  ChangeContext,
  ListQuery,
} from '../contract/state-store.js';
import { ACTIVE_SQL, type AllowRow, allowFromRow, type BanRow, banFromRow, SCOPE_SQL, seqFromId } from './rows.js';
import type { SqliteContext } from './sqlite-context.js';
import { endBans, sweepBans } from './sqlite-sweep.js';

export function checkService(service: string | undefined): string | undefined {
  if (service === undefined) return undefined;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(service)) {
    throw new RampartError('INVALID_ARGUMENT', `not a service name: ${JSON.stringify(service.slice(0, 64))}`);
  }
  return service;
}

export function checkTtl(ttl: number | undefined): number | undefined {
  if (ttl === undefined) return undefined;
  if (!(Number.isInteger(ttl) && ttl > 0)) throw new RampartError('INVALID_ARGUMENT', `TTL must be positive: ${ttl}`);
  return ttl;
}

export class SqliteBanStore implements BanStore {
  constructor(private readonly ctx: SqliteContext) {}

  async add(input: BanInput, change: ChangeContext): Promise<BanAddResult> {
    const v = normalizeEntryValue(input.kind, input.value);
    if (!v.ok) throw new RampartError('INVALID_ADDRESS', v.reason);
    if (v.kind !== 'ip' && v.kind !== 'cidr' && v.kind !== 'asn' && v.kind !== 'country') {
      throw new RampartError('INVALID_ARGUMENT', `a ban cannot hold a ${v.kind}`);
    }
    const service = checkService(input.service);
    const explicitTtl = checkTtl(input.ttlSeconds);
    const { db, options } = this.ctx;
    return db
      .transaction((): BanAddResult => {
        const since = change.now - options.escalation.lookbackSeconds * 1000;
        const prior = this.offencesSync(v.kind, v.value, service, since);
        const ttl = input.permanent ? undefined : (explicitTtl ?? escalatedTtl(options.escalation, prior));
        const previous = db
          .prepare(`SELECT * FROM bans WHERE kind = ? AND value = ? AND service IS ? AND ${ACTIVE_SQL}`)
          .all(v.kind, v.value, service ?? null, { now: change.now }) as BanRow[];
        const revision = this.ctx.nextRevision();
        endBans(this.ctx, previous, 'superseded', change.now, revision);
        const info = db
          .prepare(
            `INSERT INTO bans (kind, value, mode, service, origin, reason, finding_id, report_id, created_at, expires_at,
             offence, actor, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            v.kind,
            v.value,
            input.mode ?? 'ban',
            service ?? null,
            input.origin ?? 'manual',
            input.reason,
            input.findingId ?? null,
            input.reportId ?? null,
            change.now,
            ttl === undefined ? null : change.now + ttl * 1000,
            prior,
            change.actor,
            revision,
          );
        const entry = banFromRow(db.prepare('SELECT * FROM bans WHERE seq = ?').get(info.lastInsertRowid) as BanRow);
        const superseded: BanRecord | undefined = previous[0]
          ? { ...banFromRow(previous[0]), endedAt: change.now, endReason: 'superseded' }
          : undefined;
        this.ctx.audit({
          ts: change.now,
          actor: change.actor,
          action: 'ban',
          entityKind: 'ban',
          entityId: entry.id,
          reason: input.reason,
          before: superseded ?? null,
          after: entry,
        });
        const allows = db
          .prepare(`SELECT * FROM allows WHERE ${ACTIVE_SQL} ORDER BY seq`)
          .all({ now: change.now }) as AllowRow[];
        const conflicts = allows.map(allowFromRow).filter((a) => overlaps(entry, a));
        return { entry, superseded, conflicts };
      })
      .immediate();
  }

  async remove(id: string, reason: string, change: ChangeContext): Promise<BanRecord | undefined> {
    const seq = seqFromId(id, 'b');
    if (seq === undefined) return undefined;
    const select = () =>
      this.ctx.db
        .prepare(`SELECT * FROM bans WHERE seq = @seq AND ${ACTIVE_SQL}`)
        .all({ seq, now: change.now }) as BanRow[];
    return this.end(select, reason, change)[0];
  }

  async removeValue(value: string, service: string | undefined, reason: string, change: ChangeContext) {
    const v = normalizeEntryValue(undefined, value);
    if (!v.ok) throw new RampartError('INVALID_ADDRESS', v.reason);
    const params = { kind: v.kind, value: v.value, service: checkService(service) ?? null, now: change.now };
    const select = () =>
      this.ctx.db
        .prepare(`SELECT * FROM bans WHERE kind = @kind AND value = @value AND service IS @service AND ${ACTIVE_SQL}`)
        .all(params) as BanRow[];
    return this.end(select, reason, change);
  }

  /** Selects and ends in one write transaction, so two removers never both end (and audit) one ban. */
  private end(select: () => BanRow[], reason: string, change: ChangeContext): BanRecord[] {
    return this.ctx.db
      .transaction(() => {
        const rows = select();
        if (rows.length === 0) return [];
        const revision = this.ctx.nextRevision();
        endBans(this.ctx, rows, 'removed', change.now, revision);
        return rows.map((row) => {
          const before = banFromRow(row);
          const after: BanRecord = { ...before, endedAt: change.now, endReason: 'removed' };
          this.ctx.audit({
            ts: change.now,
            actor: change.actor,
            action: 'unban',
            entityKind: 'ban',
            entityId: before.id,
            reason,
            before,
            after,
          });
          return after;
        });
      })
      .immediate();
  }

  async get(id: string): Promise<BanRecord | undefined> {
    const seq = seqFromId(id, 'b');
    const row =
      seq === undefined
        ? undefined
        : (this.ctx.db.prepare('SELECT * FROM bans WHERE seq = ?').get(seq) as BanRow | undefined);
    return row ? banFromRow(row) : undefined;
  }

  async list(q: ListQuery): Promise<BanRecord[]> {
    const where = q.includeInactive ? SCOPE_SQL : `${ACTIVE_SQL} AND ${SCOPE_SQL}`;
    const rows = this.ctx.db
      .prepare(`SELECT * FROM bans WHERE ${where} ORDER BY seq`)
      .all({ now: q.now, service: q.service ?? null }) as BanRow[];
    return rows.map(banFromRow);
  }

  async offences(kind: BanRecord['kind'], value: string, service: string | undefined, since: number) {
    return this.offencesSync(kind, value, service, since);
  }

  private offencesSync(kind: string, value: string, service: string | undefined, since: number): number {
    const row = this.ctx.db
      .prepare('SELECT COUNT(*) AS n FROM bans WHERE kind = ? AND value = ? AND service IS ? AND created_at >= ?')
      .get(kind, value, service ?? null, since) as { n: number };
    return row.n;
  }

  async changesSince(cursor: number, now: number): Promise<BanChanges> {
    sweepBans(this.ctx, now);
    const db = this.ctx.db;
    return db
      .transaction((): BanChanges => {
        const added = db
          .prepare(`SELECT * FROM bans WHERE revision > @cursor AND ${ACTIVE_SQL} ORDER BY seq`)
          .all({ cursor, now }) as BanRow[];
        const removed = db
          .prepare('SELECT * FROM bans WHERE end_revision > @cursor AND revision <= @cursor ORDER BY seq')
          .all({ cursor }) as BanRow[];
        return { added: added.map(banFromRow), removed: removed.map(banFromRow), cursor: this.ctx.revision() };
      })
      .immediate();
  }
}
