/**
 * Cloudflare IP list items, as JSON for the Lists API (`POST /accounts/{id}/rules/lists/{list}/items`,
 * body `[{ "ip": …, "comment": … }]`) and as CSV for the dashboard upload (`ip,comment` per line).
 * Cloudflare lists take IPv4 /8–/32 and IPv6 up to /64, so longer IPv6 networks are widened to their /64
 * (said in the notes). Comments are built from Rampart's own fields, never from entry text.
 */
import { type Cidr, parseCidr } from '@rampart/core';
import type { ExportContext, Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { listMode, listNets, plannedModes } from '../shared/mode-list.js';
import { collapse } from '../shared/net-sets.js';
import { ruleText } from '../shared/text.js';

interface Item {
  readonly ip: string;
  readonly comment: string;
}

function items(entries: Parameters<Exporter['render']>[0], ctx: ExportContext) {
  const mode = listMode(ctx);
  const plan = planRules(entries, ctx, { expand: true, enforces: plannedModes(mode) });
  let widened = 0;
  const v6: Cidr[] = listNets(plan, mode).v6.map((c) => {
    if (c.prefixLength <= 64) return c;
    widened++;
    return parseCidr(`${c.text.slice(0, c.text.indexOf('/'))}/64`, { lenient: true })!;
  });
  const list = [...listNets(plan, mode).v4, ...collapse(v6).v6];
  const comment = `rampart ${mode}`;
  const out: Item[] = list.map((c) => ({ ip: ruleText(c), comment }));
  const notes = widened > 0 ? [`${widened} IPv6 networks longer than /64 were widened to their /64`] : [];
  return { plan, out, notes };
}

export const cloudflareListJsonExporter: Exporter = {
  id: 'cloudflare_list_json',
  description: 'Cloudflare IP list items (JSON body for the Lists API)',
  contentType: 'application/json',
  fileExtension: 'json',
  render(entries, ctx) {
    const { plan, out, notes } = items(entries, ctx);
    return resultOf(plan, `${JSON.stringify(out, null, 2)}\n`, out.length, notes);
  },
};

export const cloudflareListCsvExporter: Exporter = {
  id: 'cloudflare_list_csv',
  description: 'Cloudflare IP list CSV for the dashboard upload (ip,comment)',
  contentType: 'text/csv; charset=utf-8',
  fileExtension: 'csv',
  render(entries, ctx) {
    const { plan, out, notes } = items(entries, ctx);
    return resultOf(plan, out.map((i) => `${i.ip},${i.comment}\n`).join(''), out.length, notes);
  },
};
