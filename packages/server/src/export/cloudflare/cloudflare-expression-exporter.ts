/**
 * A Cloudflare WAF custom-rule expression (Rules language) matching the banned (or, with --mode throttle,
 * the throttled, for a rate-limiting rule) sources: `ip.src in {…}`, `ip.geoip.asnum in {…}` and
 * `ip.geoip.country in {…}` — ASNs and countries stay native. Custom-rule expressions are limited to
 * 4,096 characters; a longer one is still written and the notes say to use an IP list instead.
 */
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { listMode, listNets, plannedModes } from '../shared/mode-list.js';
import { ruleText } from '../shared/text.js';

export const CLOUDFLARE_EXPRESSION_LIMIT = 4096;

export const cloudflareExpressionExporter: Exporter = {
  id: 'cloudflare_expression',
  description: 'Cloudflare WAF custom-rule expression using ip.src, ip.geoip.asnum and ip.geoip.country',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'txt',
  render(entries, ctx) {
    const mode = listMode(ctx);
    const plan = planRules(entries, ctx, { expand: false, enforces: plannedModes(mode) });
    const nets = [...listNets(plan, mode).v4, ...listNets(plan, mode).v6].map(ruleText);
    const parts: string[] = [];
    if (nets.length > 0) parts.push(`(ip.src in {${nets.join(' ')}})`);
    const asns = mode === 'allow' ? [] : plan.asns[mode];
    const countries = mode === 'allow' ? [] : plan.countries[mode];
    if (asns.length > 0) parts.push(`(ip.geoip.asnum in {${asns.join(' ')}})`);
    if (countries.length > 0) {
      parts.push(`(ip.geoip.country in {${countries.map((c) => `"${c}"`).join(' ')}})`);
    }
    const notes: string[] = [];
    if (parts.length === 0) notes.push('nothing to match: the expression is empty');
    const text = parts.join(' or ');
    if (text.length > CLOUDFLARE_EXPRESSION_LIMIT) {
      notes.push(
        `expression is ${text.length} characters, over Cloudflare's ${CLOUDFLARE_EXPRESSION_LIMIT}; use an IP list`,
      );
    }
    const written = nets.length + asns.length + countries.length;
    return resultOf(plan, text.length > 0 ? `${text}\n` : '', written, notes);
  },
};
