/**
 * The state store: the one narrow interface through which Rampart keeps its decisions — bans, allowlist,
 * reports with abuse-report drafts, the hash-chained audit trail, a key-value cache and bouncer cursors.
 * SQLite implements it today (store/sqlite), PostgreSQL later; `runStateStoreContract` in
 * state-store.contract.ts is the behaviour every backend MUST pass.
 *
 * Rules every backend keeps:
 * - Time is passed in (`now`, epoch ms); a backend MUST NOT read the wall clock.
 * - Every change writes its audit record in the same transaction as the change itself.
 * - Nothing is deleted: removed and expired entries stay as history with `endedAt` / `endReason`.
 * - Invalid values are refused with a RampartError (INVALID_ADDRESS / INVALID_ARGUMENT / NOT_FOUND).
 */
import type {
  AllowEntry,
  AllowKind,
  AuditAction,
  AuditRecord,
  BanEntry,
  BanKind,
  BanMode,
  ChainVerdict,
  EntryOrigin,
  EscalationPolicy,
  Report,
  ReportDecisionInput,
  ReportInput,
  ReportStatus,
} from '@rampart/core';

/** Who makes a change, when, and why (the reason goes into the audit record). */
export interface ChangeContext {
  readonly actor: string;
  /** Epoch ms. */
  readonly now: number;
}

export type EndReason = 'removed' | 'expired' | 'superseded';

export interface BanRecord extends BanEntry {
  /** Epoch ms when removed, superseded or noticed expired; undefined while not ended. */
  readonly endedAt: number | undefined;
  readonly endReason: EndReason | undefined;
  /** Store-wide change counter at creation; `changesSince` cursors compare against it. */
  readonly revision: number;
}

export interface AllowRecord extends AllowEntry {
  readonly endedAt: number | undefined;
  readonly endReason: EndReason | undefined;
}

export interface BanInput {
  /** Guessed from the value when omitted (address, network, AS123, country code). */
  readonly kind?: BanKind;
  readonly value: string;
  /** Default 'ban'. */
  readonly mode?: BanMode;
  /** Undefined = global. */
  readonly service?: string | undefined;
  /** Default 'manual'. */
  readonly origin?: EntryOrigin;
  readonly reason: string;
  readonly findingId?: string | undefined;
  readonly reportId?: string | undefined;
  /** Explicit duration; when omitted the store's escalation ladder decides; `permanent` = no expiry. */
  readonly ttlSeconds?: number | undefined;
  readonly permanent?: boolean;
}

export interface BanAddResult {
  readonly entry: BanRecord;
  /** The active ban on the same value and scope that this one replaced. */
  readonly superseded: BanRecord | undefined;
  /** Active allow entries that overlap this ban: they win, and the caller should say so. */
  readonly conflicts: readonly AllowRecord[];
}

export interface ListQuery {
  readonly now: number;
  /** Entries that apply to this service: its own and the global ones. Omitted: all entries. */
  readonly service?: string | undefined;
  /** Include ended and expired entries (history). Default false: active only. */
  readonly includeInactive?: boolean;
}

export interface BanChanges {
  /** Bans created after the cursor and active now. */
  readonly added: readonly BanRecord[];
  /** Bans that ended (removed, expired, superseded) after the cursor. */
  readonly removed: readonly BanRecord[];
  /** Pass this back next time. */
  readonly cursor: number;
}

export interface BanStore {
  add(input: BanInput, ctx: ChangeContext): Promise<BanAddResult>;
  /** Ends the ban with this id; undefined when there is no active one. */
  remove(id: string, reason: string, ctx: ChangeContext): Promise<BanRecord | undefined>;
  /** Ends every active ban on this value (and this service, or global when omitted). */
  removeValue(value: string, service: string | undefined, reason: string, ctx: ChangeContext): Promise<BanRecord[]>;
  get(id: string): Promise<BanRecord | undefined>;
  /** Ordered by creation, oldest first. */
  list(query: ListQuery): Promise<BanRecord[]>;
  /** Bans of this value and scope created at or after `since` (epoch ms): the escalation count. */
  offences(kind: BanKind, value: string, service: string | undefined, since: number): Promise<number>;
  /**
   * Deltas for decision streams (CrowdSec bouncers): sweeps expired bans first (so expiry shows up as a
   * removal), then returns what changed after `cursor` (0 = everything active now).
   */
  changesSince(cursor: number, now: number): Promise<BanChanges>;
}

export interface AllowInput {
  readonly kind?: AllowKind;
  readonly value: string;
  readonly service?: string | undefined;
  readonly reason: string;
  /** Undefined = no expiry. */
  readonly ttlSeconds?: number | undefined;
}

export interface AllowAddResult {
  readonly entry: AllowRecord;
  /** Active bans this entry overlaps (and now overrides). */
  readonly conflicts: readonly BanRecord[];
}

export interface AllowStore {
  add(input: AllowInput, ctx: ChangeContext): Promise<AllowAddResult>;
  remove(id: string, reason: string, ctx: ChangeContext): Promise<AllowRecord | undefined>;
  removeValue(value: string, service: string | undefined, reason: string, ctx: ChangeContext): Promise<AllowRecord[]>;
  get(id: string): Promise<AllowRecord | undefined>;
  list(query: ListQuery): Promise<AllowRecord[]>;
}

export interface AuditAppend {
  readonly action: AuditAction;
  readonly entityKind: string;
  readonly entityId: string;
  readonly reason: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditQuery {
  /** Records with seq greater than this. */
  readonly afterSeq?: number;
  readonly limit?: number;
  readonly entityId?: string;
  readonly action?: AuditAction;
}

export interface AuditStore {
  /** For changes the store does not make itself (config, users, tokens). */
  append(record: AuditAppend, ctx: ChangeContext): Promise<AuditRecord>;
  list(query: AuditQuery): Promise<AuditRecord[]>;
  /** Every record in seq order, as stored (for verify and export of long chains). */
  all(): AsyncIterable<AuditRecord>;
  /** The last record's seq and hash as the store remembers them. */
  head(): Promise<{ seq: number; hash: string } | undefined>;
  /** Walks the stored chain (see core `verifyChain`). */
  verify(): Promise<ChainVerdict>;
}

export interface ReportStore {
  create(input: ReportInput, ctx: ChangeContext): Promise<Report>;
  get(id: string): Promise<Report | undefined>;
  /** Newest first. */
  list(query: { service?: string; status?: ReportStatus }): Promise<Report[]>;
  /** Records decisions on items (all pending items when `itemIds` is omitted); audited per call. */
  decide(id: string, input: ReportDecisionInput, ctx: ChangeContext): Promise<Report>;
}

/** A small persistent cache (RDAP answers, feed metadata): string values with optional expiry. */
export interface KvStore {
  get(namespace: string, key: string, now: number): Promise<string | undefined>;
  set(namespace: string, key: string, value: string, expiresAt: number | undefined): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
}

/** Named positions, e.g. the last ban revision a bouncer API key has seen. */
export interface CursorStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

export interface StateStoreOptions {
  /** Durations for bans added without an explicit TTL. */
  readonly escalation: EscalationPolicy;
}

export interface StateStore {
  readonly backend: string;
  readonly bans: BanStore;
  readonly allow: AllowStore;
  readonly audit: AuditStore;
  readonly reports: ReportStore;
  readonly kv: KvStore;
  readonly cursors: CursorStore;
  /** Version of the applied schema (number of migrations). */
  schemaVersion(): Promise<number>;
  /** Ends bans and allow entries whose time is up, one audit record ('expire' / 'allow_expire') each. */
  sweepExpired(now: number): Promise<{ bans: number; allows: number }>;
  close(): Promise<void>;
}
