/**
 * The tamper-evident audit chain. Each record's `hash` is SHA-256 over a canonical serialization of the
 * record including `prevHash`, so editing, inserting or deleting a stored record breaks the chain at that
 * record. Pure and backend-independent: every state store appends and verifies with these functions.
 * Limit: whoever can rewrite the whole chain from a point on can hide an edit; anchor the head hash
 * (`rampart audit verify` prints it) somewhere else to detect that.
 */
import { createHash } from 'node:crypto';

export const AUDIT_ACTIONS = [
  'ban',
  'unban',
  'expire',
  'allow',
  'unallow',
  'allow_expire',
  'report_create',
  'report_decision',
  'config_change',
  'user_change',
  'token_change',
  'login',
  'abuse_report_sent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The hash a chain's first record points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a change supplies; the store adds seq, prevHash and hash. */
export interface AuditInput {
  /** Epoch ms. */
  readonly ts: number;
  readonly actor: string;
  readonly action: AuditAction;
  /** What changed, e.g. { kind: 'ban', id: 'b_…' }. */
  readonly entityKind: string;
  readonly entityId: string;
  readonly reason: string;
  /** JSON-compatible snapshots; null when the entity did not exist before / after. */
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditRecord extends AuditInput {
  /** 1, 2, 3 … without gaps. */
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every level and no whitespace; `undefined` members are dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  const parts = keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${parts.join(',')}}`;
}

/** SHA-256 (hex) of the canonical form of everything in the record but `hash` itself. */
export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const body = canonicalJson({
    seq: record.seq,
    ts: record.ts,
    actor: record.actor,
    action: record.action,
    entityKind: record.entityKind,
    entityId: record.entityId,
    reason: record.reason,
    before: record.before,
    after: record.after,
    prevHash: record.prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

/** Seals an input as the record that follows `prev` (or starts the chain). */
export function sealAudit(input: AuditInput, prev: { seq: number; hash: string } | undefined): AuditRecord {
  const unsealed = { ...input, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: auditHash(unsealed) };
}

export interface ChainVerdict {
  readonly ok: boolean;
  readonly checked: number;
  /** Hash of the last good record (the head when ok). */
  readonly headHash: string;
  /** The first record that does not fit, with what is wrong. */
  readonly broken: { readonly seq: number; readonly problem: string } | undefined;
}

/**
 * Walks records in seq order. Detects an edited record (hash mismatch), a removed or inserted record (seq
 * gap or prevHash mismatch) and, given the head the store remembered, a removed tail.
 */
export function verifyChain(
  records: Iterable<AuditRecord>,
  expectedHead?: { seq: number; hash: string },
): ChainVerdict {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const fail = (seq: number, problem: string): ChainVerdict => ({
    ok: false,
    checked,
    headHash: prev.hash,
    broken: { seq, problem },
  });
  for (const r of records) {
    if (r.seq !== prev.seq + 1) return fail(prev.seq + 1, `record ${prev.seq + 1} is missing (next is ${r.seq})`);
    if (r.prevHash !== prev.hash) return fail(r.seq, 'prev_hash does not match the previous record');
    if (auditHash(r) !== r.hash) return fail(r.seq, 'content does not match its hash (record was edited)');
    prev = { seq: r.seq, hash: r.hash };
    checked++;
  }
  if (expectedHead && (expectedHead.seq !== prev.seq || expectedHead.hash !== prev.hash)) {
    return fail(prev.seq + 1, `chain ends at record ${prev.seq} but the store recorded head ${expectedHead.seq}`);
  }
  return { ok: true, checked, headHash: prev.hash, broken: undefined };
}
