/**
 * `ipset restore` file: six hash:net sets (banned, throttled, and allowed networks inside those, for IPv4 and
 * IPv6), each created if missing,
 * flushed and refilled, so reloading the file replaces the previous content. The iptables_ipset and
 * ip6tables_ipset exporters write the rules that use these sets.
 */
import type { Cidr } from '@rampart/core';
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { headerLines, ruleText, setPrefix } from '../shared/text.js';

export const ipsetExporter: Exporter = {
  id: 'ipset',
  description: 'ipset restore file: sets <prefix>-v4/-v6 (banned), -throttle-v4/-v6, -allow-v4/-v6 (exceptions)',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'ipset',
  render(entries, ctx) {
    const plan = planRules(entries, ctx, { expand: true, enforces: ['ban', 'throttle'] });
    const p = setPrefix(ctx);
    const lines = headerLines('#', 'ipset', ctx, plan);
    const sets: [string, 'inet' | 'inet6', readonly Cidr[]][] = [
      [`${p}-v4`, 'inet', plan.ban.v4],
      [`${p}-v6`, 'inet6', plan.ban.v6],
      [`${p}-throttle-v4`, 'inet', plan.throttle.v4],
      [`${p}-throttle-v6`, 'inet6', plan.throttle.v6],
      [`${p}-allow-v4`, 'inet', plan.exceptions.v4],
      [`${p}-allow-v6`, 'inet6', plan.exceptions.v6],
    ];
    let written = 0;
    for (const [name, family, list] of sets) {
      const maxelem = Math.max(65536, 2 ** Math.ceil(Math.log2(list.length + 1)));
      lines.push(`create ${name} hash:net family ${family} maxelem ${maxelem} -exist`, `flush ${name}`);
      for (const c of list) lines.push(`add ${name} ${ruleText(c)} -exist`);
      if (!name.includes('-allow-')) written += list.length;
    }
    lines.push('');
    return resultOf(plan, lines.join('\n'), written, [], true);
  },
};
