/**
 * nftables file for `nft -f`: replaces table `inet <prefix>` atomically (declare, delete, redefine) with
 * interval sets of banned and throttled networks (`auto-merge` folds overlaps) and an input chain that
 * accepts allowed networks inside those first, drops banned sources and rate-limits throttled ones per
 * source address with a dynamic meter set.
 */
import type { Cidr } from '@rampart/core';
import { DEFAULT_THROTTLE, type Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { headerLines, ruleText, setPrefix } from '../shared/text.js';

function set(name: string, type: 'ipv4_addr' | 'ipv6_addr', list: readonly Cidr[]): string[] {
  const out = [`  set ${name} {`, `    type ${type}`, '    flags interval', '    auto-merge'];
  if (list.length > 0) {
    out.push('    elements = {');
    for (let i = 0; i < list.length; i++) out.push(`      ${ruleText(list[i]!)}${i < list.length - 1 ? ',' : ''}`);
    out.push('    }');
  }
  out.push('  }');
  return out;
}

export const nftablesExporter: Exporter = {
  id: 'nftables',
  description: 'nftables table inet rampart: interval sets of banned/throttled networks and a filter chain',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'nft',
  render(entries, ctx) {
    const plan = planRules(entries, ctx, { expand: true, enforces: ['ban', 'throttle'] });
    const table = setPrefix(ctx);
    const t = ctx.throttle ?? DEFAULT_THROTTLE;
    const rate = `limit rate over ${Math.max(1, Math.floor(t.perSecond))}/second burst ${Math.max(1, Math.floor(t.burst))} packets`;
    const lines = headerLines('#', 'nftables', ctx, plan);
    lines.push(`table inet ${table}`, `delete table inet ${table}`, `table inet ${table} {`);
    lines.push(...set('ban_v4', 'ipv4_addr', plan.ban.v4), ...set('ban_v6', 'ipv6_addr', plan.ban.v6));
    lines.push(
      ...set('allow_v4', 'ipv4_addr', plan.exceptions.v4),
      ...set('allow_v6', 'ipv6_addr', plan.exceptions.v6),
      ...set('throttle_v4', 'ipv4_addr', plan.throttle.v4),
      ...set('throttle_v6', 'ipv6_addr', plan.throttle.v6),
    );
    lines.push(
      '  set throttle_meter_v4 {',
      '    type ipv4_addr',
      '    flags dynamic,timeout',
      '    timeout 1m',
      '  }',
      '  set throttle_meter_v6 {',
      '    type ipv6_addr',
      '    flags dynamic,timeout',
      '    timeout 1m',
      '  }',
      '  chain input {',
      '    type filter hook input priority filter - 10; policy accept;',
      '    ip saddr @allow_v4 accept',
      '    ip6 saddr @allow_v6 accept',
      '    ip saddr @ban_v4 drop',
      '    ip6 saddr @ban_v6 drop',
      `    ip saddr @throttle_v4 add @throttle_meter_v4 { ip saddr ${rate} } drop`,
      `    ip6 saddr @throttle_v6 add @throttle_meter_v6 { ip6 saddr ${rate} } drop`,
      '  }',
      '}',
      '',
    );
    const written = plan.ban.v4.length + plan.ban.v6.length + plan.throttle.v4.length + plan.throttle.v6.length;
    return resultOf(plan, lines.join('\n'), written, [], true);
  },
};
