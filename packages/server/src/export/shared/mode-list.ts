/**
 * Single-list formats export one list at a time (`ctx.mode`): the banned networks (default), the
 * throttled ones, or `allow` — the allowed networks lying inside banned/throttled ones, so a proxy or WAF
 * rule can exempt them (`acl allowed src -f …`, `… and not ip.src in $allowed`).
 */
import type { BanMode } from '@rampart/core';
import type { ExportContext } from '../contract.js';
import type { RulePlan } from '../plan.js';
import type { NetSets } from './net-sets.js';

export type ListMode = 'ban' | 'throttle' | 'allow';

export function listMode(ctx: ExportContext): ListMode {
  return ctx.mode === 'throttle' || ctx.mode === 'allow' ? ctx.mode : 'ban';
}

/** The modes planned for a list: the exceptions of `allow` are computed against both block lists. */
export function plannedModes(mode: ListMode): BanMode[] {
  return mode === 'allow' ? ['ban', 'throttle'] : [mode];
}

export function listNets(plan: RulePlan, mode: ListMode): NetSets {
  return mode === 'allow' ? plan.exceptions : plan[mode];
}
