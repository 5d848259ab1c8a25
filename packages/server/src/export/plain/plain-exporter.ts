/**
 * Plain list: one address or network per line, nothing else (no comments), for tools that read bare
 * lists. `--mode throttle` lists the throttled networks instead of the banned ones.
 */
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { listMode, listNets, plannedModes } from '../shared/mode-list.js';
import { ruleText } from '../shared/text.js';

export const plainExporter: Exporter = {
  id: 'plain',
  description: 'one address or network per line (banned, or throttled with --mode throttle)',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'txt',
  render(entries, ctx) {
    const mode = listMode(ctx);
    const plan = planRules(entries, ctx, { expand: true, enforces: plannedModes(mode) });
    const list = [...listNets(plan, mode).v4, ...listNets(plan, mode).v6];
    return resultOf(plan, list.map((c) => `${ruleText(c)}\n`).join(''), list.length);
  },
};
