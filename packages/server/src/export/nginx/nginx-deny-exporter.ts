/**
 * nginx `deny` include file (http, server or location context; pair with `allow all;` or nothing).
 * `deny` has no rate limiting, so throttled entries are counted as not enforced; nginx_geo handles both.
 */
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { headerLines, ruleText } from '../shared/text.js';

export const nginxDenyExporter: Exporter = {
  id: 'nginx_deny',
  description: 'nginx include file with a deny line per banned network',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'conf',
  render(entries, ctx) {
    const plan = planRules(entries, ctx, { expand: true, enforces: ['ban'] });
    const lines = headerLines('#', 'nginx_deny', ctx, plan);
    const list = [...plan.ban.v4, ...plan.ban.v6];
    // First match wins in ngx_http_access_module: allowed networks inside banned ones come first.
    for (const c of [...plan.exceptions.v4, ...plan.exceptions.v6]) lines.push(`allow ${ruleText(c)};`);
    for (const c of list) lines.push(`deny ${ruleText(c)};`);
    lines.push('');
    return resultOf(plan, lines.join('\n'), list.length, [], true);
  },
};
