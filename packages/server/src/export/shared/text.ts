/**
 * Small helpers every rule-file exporter shares: the header comment (generated from Rampart's own
 * fields, never from entry text), the element text of a network, and the safe set-name prefix.
 */
import { type Cidr, ruleText } from '@rampart/core';
import type { ExportContext } from '../contract.js';
import type { RulePlan } from '../plan.js';

export { ruleText };

/** Comment lines describing the export; `mark` is the format's comment leader ('#', '//'). */
export function headerLines(mark: string, id: string, ctx: ExportContext, plan: RulePlan): string[] {
  const scope = ctx.service === undefined ? 'all services' : `service ${safeName(ctx.service)}`;
  return [
    `${mark} Rampart export (${id}) generated ${new Date(ctx.now).toISOString()} for ${scope}.`,
    `${mark} ${plan.entries} entries considered, ${plan.expired} expired, ${plan.refused.length} refused.`,
  ];
}

/** A service name reduced to characters that are inert in every format's comment syntax. */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
}

const PREFIX_RE = /^[a-z0-9_-]{1,16}$/;

/** The set-name prefix; an invalid one falls back to 'rampart' (names reach kernel objects). */
export function setPrefix(ctx: ExportContext): string {
  return ctx.setPrefix !== undefined && PREFIX_RE.test(ctx.setPrefix) ? ctx.setPrefix : 'rampart';
}

export function texts(list: readonly Cidr[]): string[] {
  return list.map(ruleText);
}
