/**
 * What the SQLite sub-stores share: the connection, the store options, the change revision counter and
 * the audit append that every change calls inside its own transaction (so a change without its audit
 * record can never be committed).
 */
import { type AuditInput, type AuditRecord, canonicalJson, sealAudit } from '@rampart/core';
import type Database from 'better-sqlite3';
import type { StateStoreOptions } from '../contract/state-store.js';

export class SqliteContext {
  private readonly getMeta: Database.Statement<[string], { value: string }>;
  private readonly setMeta: Database.Statement<[string, string]>;
  private readonly insertAudit: Database.Statement;

  constructor(
    readonly db: Database.Database,
    readonly options: StateStoreOptions,
  ) {
    this.getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setMeta = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.insertAudit = db.prepare(
      `INSERT INTO audit (seq, ts, actor, action, entity_kind, entity_id, reason, before_json, after_json, prev_hash, hash)
       VALUES (@seq, @ts, @actor, @action, @entityKind, @entityId, @reason, @before, @after, @prevHash, @hash)`,
    );
  }

  meta(key: string): string | undefined {
    return this.getMeta.get(key)?.value;
  }

  /** Current value of the store-wide change counter. */
  revision(): number {
    return Number(this.meta('revision') ?? '0');
  }

  /** MUST be called inside a transaction. */
  nextRevision(): number {
    const next = this.revision() + 1;
    this.setMeta.run('revision', String(next));
    return next;
  }

  auditHead(): { seq: number; hash: string } | undefined {
    const text = this.meta('audit_head');
    return text ? (JSON.parse(text) as { seq: number; hash: string }) : undefined;
  }

  /** Seals and appends an audit record after the current head. MUST be called inside a transaction. */
  audit(input: AuditInput): AuditRecord {
    // Snapshots are stored (and hashed) in canonical form so a read-back hashes to the same value.
    const before = input.before === undefined ? null : JSON.parse(canonicalJson(input.before));
    const after = input.after === undefined ? null : JSON.parse(canonicalJson(input.after));
    const record = sealAudit({ ...input, before, after }, this.auditHead());
    this.insertAudit.run({ ...record, before: canonicalJson(before), after: canonicalJson(after) });
    this.setMeta.run('audit_head', JSON.stringify({ seq: record.seq, hash: record.hash }));
    return record;
  }
}
