/** Audit trail on SQLite: append for outside changes, queries, the whole chain in order, and verification. */
import { type AuditAction, type AuditRecord, type ChainVerdict, verifyChain } from '@rampart/core';
import type { AuditAppend, AuditQuery, AuditStore, ChangeContext } from '../contract/state-store.js';
import type { SqliteContext } from './sqlite-context.js';

interface AuditRow {
  seq: number;
  ts: number;
  actor: string;
  action: string;
  entity_kind: string;
  entity_id: string;
  reason: string;
  before_json: string;
  after_json: string;
  prev_hash: string;
  hash: string;
}

function fromRow(r: AuditRow): AuditRecord {
  return {
    seq: r.seq,
    ts: r.ts,
    actor: r.actor,
    action: r.action as AuditAction,
    entityKind: r.entity_kind,
    entityId: r.entity_id,
    reason: r.reason,
    before: parseJson(r.before_json),
    after: parseJson(r.after_json),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** A tampered row may hold text that is not JSON; keep it as text so verification reports it, not throws. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { unparseable: text };
  }
}

export class SqliteAuditStore implements AuditStore {
  constructor(private readonly ctx: SqliteContext) {}

  async append(record: AuditAppend, change: ChangeContext): Promise<AuditRecord> {
    return this.ctx.db
      .transaction(() => this.ctx.audit({ ...record, ts: change.now, actor: change.actor }))
      .immediate();
  }

  async list(q: AuditQuery): Promise<AuditRecord[]> {
    const rows = this.ctx.db
      .prepare(
        `SELECT * FROM audit WHERE seq > @after AND (@entity IS NULL OR entity_id = @entity)
           AND (@action IS NULL OR action = @action) ORDER BY seq LIMIT @limit`,
      )
      .all({
        after: q.afterSeq ?? 0,
        entity: q.entityId ?? null,
        action: q.action ?? null,
        limit: q.limit ?? -1,
      }) as AuditRow[];
    return rows.map(fromRow);
  }

  async *all(): AsyncIterable<AuditRecord> {
    yield* this.allSync();
  }

  private *allSync(): Iterable<AuditRecord> {
    for (const row of this.ctx.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as Iterable<AuditRow>) {
      yield fromRow(row);
    }
  }

  async head(): Promise<{ seq: number; hash: string } | undefined> {
    return this.ctx.auditHead();
  }

  async verify(): Promise<ChainVerdict> {
    return verifyChain(this.allSync(), this.ctx.auditHead());
  }
}
