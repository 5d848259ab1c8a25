/**
 * Apache 2.4 authorization block: `<RequireAll>` granting everyone except the banned networks, for a
 * `<Location>`, `<Directory>` or `.htaccess` (mod_authz_host). Apache has no per-client rate limit in core,
 * so throttled entries are counted as not enforced.
 */
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { headerLines, ruleText } from '../shared/text.js';

export const apacheExporter: Exporter = {
  id: 'apache',
  description: 'Apache 2.4 <RequireAll> block with Require not ip per banned network',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'conf',
  render(entries, ctx) {
    const plan = planRules(entries, ctx, { expand: true, enforces: ['ban'] });
    const list = [...plan.ban.v4, ...plan.ban.v6];
    const lines = headerLines('#', 'apache', ctx, plan);
    const allowed = [...plan.exceptions.v4, ...plan.exceptions.v6];
    // Allowed networks inside banned ones: RequireAny lets them through before the RequireAll applies.
    const pad = allowed.length > 0 ? '    ' : '';
    if (allowed.length > 0) {
      lines.push('<RequireAny>');
      for (const c of allowed) lines.push(`    Require ip ${ruleText(c)}`);
    }
    lines.push(`${pad}<RequireAll>`, `${pad}    Require all granted`);
    for (const c of list) lines.push(`${pad}    Require not ip ${ruleText(c)}`);
    lines.push(`${pad}</RequireAll>`);
    if (allowed.length > 0) lines.push('</RequireAny>');
    lines.push('');
    return resultOf(plan, lines.join('\n'), list.length, [], true);
  },
};
