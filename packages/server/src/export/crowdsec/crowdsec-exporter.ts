/**
 * The CrowdSec decisions stream payload a bouncer gets on `GET /v1/decisions/stream?startup=true`, as a
 * file: `{ "new": [...], "deleted": null }` with ban and throttle decisions of every scope (AS/Country
 * native, plus their prefixes as Range decisions when prefix data is available). The live, per-bouncer
 * stream is `pollDecisionStream` in @rampart/core, served by `rampart serve`.
 */
import { type BanEntry, type DecisionExpander, parseDecisionFilter, pollDecisionStream } from '@rampart/core';
import type { ExportContext, Exporter } from '../contract.js';
import { inService, planRules, resultOf } from '../plan.js';

export function expanderOf(ctx: ExportContext): DecisionExpander | undefined {
  const r = ctx.resolver;
  if (!r) return undefined;
  return (kind, value) => (kind === 'asn' ? r.prefixesOfAsn(value as number) : r.prefixesOfCountry(value as string));
}

export const crowdsecExporter: Exporter = {
  id: 'crowdsec',
  description: 'CrowdSec LAPI decisions stream payload (startup=true) with ban and throttle decisions',
  contentType: 'application/json',
  fileExtension: 'json',
  render(entries: readonly BanEntry[], ctx) {
    // The plan supplies the shared counts and refusals; the stream validates again on its own.
    const plan = planRules(entries, ctx, { expand: false, enforces: ['ban', 'throttle'] });
    const scoped = entries.filter((e) => inService(e, ctx.service));
    const expand = expanderOf(ctx);
    const { response } = pollDecisionStream(scoped, undefined, {
      now: ctx.now,
      startup: true,
      filter: parseDecisionFilter(new URLSearchParams({ scopes: 'ip,range,as,country' })),
      types: ['ban', 'throttle'],
      allow: (ctx.allow ?? []).filter((a) => inService(a, ctx.service)),
      ...(expand ? { expand } : {}),
    });
    return resultOf(plan, `${JSON.stringify(response, null, 2)}\n`, response.new?.length ?? 0);
  },
};
