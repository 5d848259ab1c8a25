/**
 * `iptables-restore` / `ip6tables-restore` files: a chain RAMPART in the filter table with a DROP rule per
 * banned network and a per-source `hashlimit` rule per throttled one. The ipset variants match the sets
 * of the ipset exporter instead (one rule per set), which scales to large lists. The chain is declared,
 * not jumped to: hook it in with `iptables -I INPUT -j RAMPART` (docs/exports.md).
 */
import type { BanEntry, Cidr } from '@rampart/core';
import { DEFAULT_THROTTLE, type ExportContext, type Exporter, type ExportResult } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { headerLines, setPrefix } from '../shared/text.js';

type Family = 4 | 6;

function hashlimit(ctx: ExportContext, family: Family): string {
  const t = ctx.throttle ?? DEFAULT_THROTTLE;
  const name = `${setPrefix(ctx)}_t${family}`.slice(0, 15);
  return (
    `-m hashlimit --hashlimit-above ${Math.max(1, Math.floor(t.perSecond))}/sec ` +
    `--hashlimit-burst ${Math.max(1, Math.floor(t.burst))} --hashlimit-mode srcip --hashlimit-name ${name}`
  );
}

function render(family: Family, withSets: boolean, id: string, entries: readonly BanEntry[], ctx: ExportContext) {
  const plan = planRules(entries, ctx, { expand: true, enforces: ['ban', 'throttle'] });
  const pick = (s: { v4: readonly Cidr[]; v6: readonly Cidr[] }) => (family === 4 ? s.v4 : s.v6);
  const ban = pick(plan.ban);
  const throttle = pick(plan.throttle);
  const lines = headerLines('#', id, ctx, plan);
  lines.push('*filter', ':RAMPART - [0:0]');
  let written = 0;
  const allowed = pick(plan.exceptions);
  if (withSets) {
    const p = setPrefix(ctx);
    lines.push(`-A RAMPART -m set --match-set ${p}-allow-v${family} src -j RETURN`);
    lines.push(`-A RAMPART -m set --match-set ${p}-v${family} src -j DROP`);
    lines.push(`-A RAMPART -m set --match-set ${p}-throttle-v${family} src ${hashlimit(ctx, family)} -j DROP`);
    written = ban.length + throttle.length;
  } else {
    // Allowed networks inside blocked ones return first: allow overrides ban.
    for (const c of allowed) lines.push(`-A RAMPART -s ${c.text} -j RETURN`);
    for (const c of ban) lines.push(`-A RAMPART -s ${c.text} -j DROP`);
    for (const c of throttle) lines.push(`-A RAMPART -s ${c.text} ${hashlimit(ctx, family)} -j DROP`);
    written = ban.length + throttle.length;
  }
  lines.push('COMMIT', '');
  const other =
    family === 4 ? plan.ban.v6.length + plan.throttle.v6.length : plan.ban.v4.length + plan.throttle.v4.length;
  const notes: string[] = [];
  if (other > 0)
    notes.push(`${other} IPv${family === 4 ? 6 : 4} networks belong in the ip${family === 4 ? '6' : ''}tables file`);
  return resultOf(plan, lines.join('\n'), written, notes, true);
}

function make(family: Family, withSets: boolean): Exporter {
  const tool = family === 4 ? 'iptables' : 'ip6tables';
  const id = withSets ? `${tool}_ipset` : tool;
  return {
    id,
    description: withSets
      ? `${tool}-restore chain RAMPART matching the ipset sets (for large lists; load the ipset file first)`
      : `${tool}-restore chain RAMPART with a DROP rule per banned IPv${family} network, hashlimit for throttled`,
    contentType: 'text/plain; charset=utf-8',
    fileExtension: 'rules',
    render: (entries, ctx): ExportResult => render(family, withSets, id, entries, ctx),
  };
}

export const iptablesExporter = make(4, false);
export const ip6tablesExporter = make(6, false);
export const iptablesIpsetExporter = make(4, true);
export const ip6tablesIpsetExporter = make(6, true);
