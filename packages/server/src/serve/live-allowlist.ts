/**
 * The stored allowlist as detection sees it while `rampart serve` runs. Entries added or removed through
 * the API, the dashboard or the CLI (another process writing the same state file) reach detection at the
 * next report cycle, without a restart: the cycle calls `refresh()`, which re-reads the active entries
 * and recompiles the matcher only when they changed. Allowed requests are kept out of the detection
 * engine (they are still stored and counted as traffic), and findings created before an entry existed
 * are kept out of automatic bans and reports once it does. Expiry is judged on event time, as the
 * engine does for the config's `detect.allow`, so a replay honours entries as they were meant.
 */
import { type AllowEntry, type EnrichedEvent, type Finding, ListMatcher, type ListSubject } from '@rampart/core';
import type { StateStore } from '../store/contract/state-store.js';

export class LiveAllowlist {
  private matcher: ListMatcher | undefined;
  private signature = '';
  private size = 0;

  /** Active entries now; re-reads the store and swaps the matcher when they changed. Returns true on a change. */
  async refresh(state: Pick<StateStore, 'allow'>, now: number): Promise<boolean> {
    return this.replace(await state.allow.list({ now }));
  }

  /** Sets the entries (start-up and refresh). Returns true when they differ from the current ones. */
  replace(entries: readonly AllowEntry[]): boolean {
    const signature = entries.map((e) => `${e.id}:${e.expiresAt ?? ''}`).join(',');
    if (signature === this.signature) return false;
    this.signature = signature;
    this.size = entries.length;
    this.matcher = entries.length > 0 ? new ListMatcher([], entries) : undefined;
    return true;
  }

  get entries(): number {
    return this.size;
  }

  /** True when an active entry covers the request at its event time. Per event: one cached lookup. */
  allows(e: EnrichedEvent): boolean {
    if (!this.matcher) return false;
    const c = e.crawler;
    return this.covers(
      {
        ip: e.req.ip,
        service: e.service,
        asn: e.net.asn,
        country: e.net.country,
        // As in the engine: a crawler that could not be checked keeps its allowance, an impersonator does not.
        verifiedCrawler: c !== undefined && c.verified !== false ? c.family : undefined,
        apiKey: e.req.apiKey,
      },
      e.req.ts,
    );
  }

  /** True when an active entry covers the finding's client (address or API key findings). */
  allowsFinding(f: Finding): boolean {
    if (!this.matcher) return false;
    const kind = f.entity.kind;
    if (kind !== 'ip' && kind !== 'api_key') return false;
    const at = Date.parse(f.last_seen) || 0;
    return this.covers(
      {
        ip: kind === 'ip' ? f.entity.value : '',
        service: f.service,
        asn: f.enrichment.asn,
        country: f.enrichment.country,
        verifiedCrawler: f.enrichment.crawler?.verified !== false ? f.enrichment.crawler?.family : undefined,
        apiKey: kind === 'api_key' ? f.entity.value : undefined,
      },
      at,
    );
  }

  private covers(s: ListSubject, at: number): boolean {
    const allow = this.matcher?.match(s).allow;
    return allow !== undefined && (allow.expiresAt === undefined || at < allow.expiresAt);
  }
}
