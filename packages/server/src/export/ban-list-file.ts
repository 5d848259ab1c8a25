/**
 * Reads a ban list from a JSON file for `rampart export --from FILE`: either a Rampart JSON export
 * (`{ "schema": "rampart.bans/v1", "entries": [...] }`) or a bare array of entries. Times may be epoch ms
 * or ISO text. Rows that are not entries are reported with a reason; values are not validated here —
 * the exporters do that, so a hostile value in the file is refused like any other.
 */
import { BAN_KINDS, BAN_MODES, type BanEntry, type BanKind, type BanMode } from '@rampart/core';
import type { RefusedValue } from './contract.js';

function time(v: unknown): number | undefined | null {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Parses the file's text; never throws (a broken file is one refusal). */
export function parseBanListJson(text: string): { entries: BanEntry[]; refused: RefusedValue[] } {
  const refused: RefusedValue[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { entries: [], refused: [{ value: '(file)', reason: `not JSON: ${(err as Error).message}` }] };
  }
  const rows = Array.isArray(doc) ? doc : (doc as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(rows)) return { entries: [], refused: [{ value: '(file)', reason: 'no entries array' }] };
  const entries: BanEntry[] = [];
  rows.forEach((row: unknown, i) => {
    const r = (row ?? {}) as Record<string, unknown>;
    const kind = str(r.kind) as BanKind | undefined;
    const mode = (str(r.mode) ?? 'ban') as BanMode;
    const value = str(r.value);
    const createdAt = time(r.createdAt);
    const expiresAt = time(r.expiresAt);
    if (!kind || !BAN_KINDS.includes(kind) || value === undefined || !BAN_MODES.includes(mode)) {
      refused.push({ value: `row ${i + 1}`, reason: 'needs kind (ip|cidr|asn|country), value and a valid mode' });
      return;
    }
    if (createdAt === null || expiresAt === null) {
      refused.push({ value: `row ${i + 1}`, reason: 'createdAt/expiresAt must be epoch ms or ISO time' });
      return;
    }
    const origin = str(r.origin);
    entries.push({
      id: str(r.id) ?? `file-${i + 1}`,
      kind,
      value,
      mode,
      service: str(r.service),
      origin: origin === 'detector' || origin === 'report' ? origin : 'manual',
      reason: str(r.reason) ?? '',
      findingId: str(r.findingId),
      reportId: str(r.reportId),
      createdAt: createdAt ?? 0,
      expiresAt,
      offence: typeof r.offence === 'number' ? r.offence : 0,
      actor: str(r.actor) ?? 'file',
    });
  });
  return { entries, refused };
}
