/**
 * Candidate ban entries for a simulation, from values as a user types them ('203.0.113.0/24', 'AS64500',
 * 'NL'). They never reach a store: ids and timestamps are placeholders.
 */
import { normalizeEntryValue } from './entry-value.js';
import type { BanEntry, BanKind, BanMode } from './list-entry.js';

export function candidateBans(
  values: readonly string[],
  options: { mode?: BanMode; service?: string | undefined } = {},
): { entries: BanEntry[]; invalid: { value: string; reason: string }[] } {
  const entries: BanEntry[] = [];
  const invalid: { value: string; reason: string }[] = [];
  for (const text of values) {
    const v = normalizeEntryValue(undefined, text);
    if (!v.ok) {
      invalid.push({ value: text, reason: v.reason });
      continue;
    }
    entries.push({
      id: `candidate:${v.value}`,
      kind: v.kind as BanKind,
      value: v.value,
      mode: options.mode ?? 'ban',
      service: options.service,
      origin: 'manual',
      reason: 'simulation candidate',
      findingId: undefined,
      reportId: undefined,
      createdAt: 0,
      expiresAt: undefined,
      offence: 0,
      actor: 'simulation',
    });
  }
  return { entries, invalid };
}
