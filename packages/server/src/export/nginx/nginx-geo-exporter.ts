/**
 * nginx http-context include: `geo $rampart_banned` (1 for banned sources) and `geo $rampart_throttled`,
 * a map turning throttled sources into a `limit_req` key, and the `limit_req_zone` itself. In a server
 * block: `if ($rampart_banned) { return 403; }` and `limit_req zone=rampart_throttle burst=N nodelay;`.
 */
import type { Cidr } from '@rampart/core';
import { DEFAULT_THROTTLE, type Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { headerLines, ruleText } from '../shared/text.js';

/** geo picks the longest matching prefix, so an allowed network inside a blocked one maps back to 0. */
function geo(variable: string, list: readonly Cidr[], allowed: readonly Cidr[]): string[] {
  return [
    `geo $${variable} {`,
    '    default 0;',
    ...list.map((c) => `    ${ruleText(c)} 1;`),
    ...allowed.map((c) => `    ${ruleText(c)} 0;`),
    '}',
  ];
}

export const nginxGeoExporter: Exporter = {
  id: 'nginx_geo',
  description: 'nginx http include: geo maps $rampart_banned / $rampart_throttled and a limit_req zone',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'conf',
  render(entries, ctx) {
    const plan = planRules(entries, ctx, { expand: true, enforces: ['ban', 'throttle'] });
    const t = ctx.throttle ?? DEFAULT_THROTTLE;
    const ban = [...plan.ban.v4, ...plan.ban.v6];
    const throttle = [...plan.throttle.v4, ...plan.throttle.v6];
    const lines = headerLines('#', 'nginx_geo', ctx, plan);
    const allowed = [...plan.exceptions.v4, ...plan.exceptions.v6];
    lines.push(...geo('rampart_banned', ban, allowed), ...geo('rampart_throttled', throttle, allowed));
    lines.push(
      'map $rampart_throttled $rampart_throttle_key {',
      '    default "";',
      '    1 $binary_remote_addr;',
      '}',
      `limit_req_zone $rampart_throttle_key zone=rampart_throttle:10m rate=${Math.max(1, Math.floor(t.perSecond))}r/s;`,
      '',
    );
    return resultOf(plan, lines.join('\n'), ban.length + throttle.length, [], true);
  },
};
