/** Row ↔ record mapping for the SQLite state store. Ids are the row number with a kind prefix ('b12'). */
import type { AllowKind, BanKind, BanMode, EntryOrigin } from '@rampart/core';
import type { AllowRecord, BanRecord, EndReason } from '../contract/state-store.js';

export interface BanRow {
  seq: number;
  kind: string;
  value: string;
  mode: string;
  service: string | null;
  origin: string;
  reason: string;
  finding_id: string | null;
  report_id: string | null;
  created_at: number;
  expires_at: number | null;
  offence: number;
  actor: string;
  ended_at: number | null;
  end_reason: string | null;
  revision: number;
  end_revision: number | null;
}

export interface AllowRow {
  seq: number;
  kind: string;
  value: string;
  service: string | null;
  reason: string;
  created_at: number;
  expires_at: number | null;
  actor: string;
  ended_at: number | null;
  end_reason: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function banFromRow(r: BanRow): BanRecord {
  return {
    id: `b${r.seq}`,
    kind: r.kind as BanKind,
    value: r.value,
    mode: r.mode as BanMode,
    service: opt(r.service),
    origin: r.origin as EntryOrigin,
    reason: r.reason,
    findingId: opt(r.finding_id),
    reportId: opt(r.report_id),
    createdAt: r.created_at,
    expiresAt: opt(r.expires_at),
    offence: r.offence,
    actor: r.actor,
    endedAt: opt(r.ended_at),
    endReason: opt(r.end_reason) as EndReason | undefined,
    revision: r.revision,
  };
}

export function allowFromRow(r: AllowRow): AllowRecord {
  return {
    id: `a${r.seq}`,
    kind: r.kind as AllowKind,
    value: r.value,
    service: opt(r.service),
    reason: r.reason,
    createdAt: r.created_at,
    expiresAt: opt(r.expires_at),
    actor: r.actor,
    endedAt: opt(r.ended_at),
    endReason: opt(r.end_reason) as EndReason | undefined,
  };
}

/** Row number from an id with the given prefix; undefined for anything else. */
export function seqFromId(id: string, prefix: string): number | undefined {
  if (!id.startsWith(prefix)) return undefined;
  const rest = id.slice(prefix.length);
  return /^\d{1,15}$/.test(rest) ? Number(rest) : undefined;
}

/** SQL condition (and its parameters) for "not ended and not expired at :now". */
export const ACTIVE_SQL = 'ended_at IS NULL AND (expires_at IS NULL OR expires_at > @now)';

/** SQL condition for "applies to @service": its own entries and global ones; all when service is null. */
export const SCOPE_SQL = '(@service IS NULL OR service IS NULL OR service = @service)';
