/**
 * HAProxy ACL file: one network per line, loaded with `acl banned src -f FILE` (or, for the throttle
 * file, `acl throttled src -f FILE` with a stick-table rate check). One file per mode (`--mode`).
 */
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { listMode, listNets, plannedModes } from '../shared/mode-list.js';
import { headerLines, ruleText } from '../shared/text.js';

export const haproxyExporter: Exporter = {
  id: 'haproxy',
  description: 'HAProxy ACL file for `acl banned src -f FILE` (one network per line; --mode throttle too)',
  contentType: 'text/plain; charset=utf-8',
  fileExtension: 'acl',
  render(entries, ctx) {
    const mode = listMode(ctx);
    const plan = planRules(entries, ctx, { expand: true, enforces: plannedModes(mode) });
    const list = [...listNets(plan, mode).v4, ...listNets(plan, mode).v6];
    const lines = headerLines('#', `haproxy ${mode}`, ctx, plan);
    for (const c of list) lines.push(ruleText(c));
    lines.push('');
    return resultOf(plan, lines.join('\n'), list.length);
  },
};
