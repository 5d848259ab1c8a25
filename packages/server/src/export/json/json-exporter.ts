/**
 * JSON export, schema `rampart.bans/v1` (docs/exports.md): every active entry in scope with its
 * normalized value, all modes including monitor, and how many values were refused (the values themselves
 * go to stderr, never into the file). Fields are additive within v1;
 * a breaking change bumps the schema id.
 */
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';

export const JSON_SCHEMA_ID = 'rampart.bans/v1';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export const jsonExporter: Exporter = {
  id: 'json',
  description: `JSON document (schema ${JSON_SCHEMA_ID}) with every active entry, all modes`,
  contentType: 'application/json',
  fileExtension: 'json',
  render(entries, ctx) {
    const plan = planRules(entries, ctx, { expand: false, enforces: ['ban', 'throttle', 'monitor'] });
    const doc = {
      schema: JSON_SCHEMA_ID,
      generatedAt: iso(ctx.now),
      service: ctx.service ?? null,
      entries: plan.rows.map(({ entry: e, value }) => ({
        id: e.id,
        kind: e.kind,
        value,
        mode: e.mode,
        service: e.service ?? null,
        origin: e.origin,
        reason: e.reason,
        findingId: e.findingId ?? null,
        reportId: e.reportId ?? null,
        createdAt: iso(e.createdAt),
        expiresAt: iso(e.expiresAt),
        offence: e.offence,
        actor: e.actor,
      })),
      refusedCount: plan.refused.length,
    };
    return resultOf(plan, `${JSON.stringify(doc, null, 2)}\n`, plan.rows.length);
  },
};
