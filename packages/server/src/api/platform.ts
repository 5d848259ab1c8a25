/**
 * What the platform routes (findings, reports, bans, allowlist, audit, tokens, exports, simulation, the
 * CrowdSec LAPI) need from the running server. `rampart serve` provides it; API tests build it over
 * in-memory stores. Time comes from `now()` so tests can pin it.
 */
import type { Finding, Report } from '@rampart/core';
import type { FastifyRequest } from 'fastify';
import type { PrefixResolver } from '../export/contract.js';
import type { ChangeContext, StateStore, StateStoreOptions } from '../store/contract/state-store.js';
import type { SqliteTokenStore } from '../store/sqlite/sqlite-tokens.js';
import { auditActor } from '../team/principal.js';

export interface PlatformDeps {
  readonly state: StateStore;
  readonly stateOptions: StateStoreOptions;
  readonly tokens: SqliteTokenStore;
  /** Current findings of the detection engine, worst first. */
  findings(): readonly Finding[];
  now(): number;
  /** Expands ASN/country bans for formats that need prefixes (loaded on first use). */
  readonly resolver?: PrefixResolver | undefined;
  /** After an approval: sends the abuse-report drafts it approved, in the background (`rampart serve`). */
  readonly onReportApproved?: (report: Report, actor: string) => void;
}

/** The audit actor of an API change: the person's e-mail address, or `token:<name>` for a machine. */
export function changeContext(request: FastifyRequest, deps: Pick<PlatformDeps, 'now'>): ChangeContext {
  // The auth hook sets the principal on every non-public route; a change without one is a bug.
  if (!request.principal) throw new Error(`no principal on ${request.method} ${request.url}`);
  return { actor: auditActor(request.principal), now: deps.now() };
}
