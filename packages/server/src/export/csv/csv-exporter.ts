/**
 * CSV export: a header row and one row per active entry in scope (all modes), CRLF line ends,
 * every cell through `csvCell` so a reason like `=HYPERLINK(…)` stays text in a spreadsheet.
 */
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { csvRow } from './csv-cell.js';

export const CSV_COLUMNS = [
  'id',
  'kind',
  'value',
  'mode',
  'service',
  'origin',
  'reason',
  'created_at',
  'expires_at',
  'offence',
  'actor',
  'finding_id',
  'report_id',
] as const;

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

export const csvExporter: Exporter = {
  id: 'csv',
  description: 'CSV (RFC 4180, formulas neutralised) with every active entry, all modes',
  contentType: 'text/csv; charset=utf-8',
  fileExtension: 'csv',
  render(entries, ctx) {
    const plan = planRules(entries, ctx, { expand: false, enforces: ['ban', 'throttle', 'monitor'] });
    let text = csvRow(CSV_COLUMNS);
    for (const { entry: e, value } of plan.rows) {
      text += csvRow([
        e.id,
        e.kind,
        value,
        e.mode,
        e.service,
        e.origin,
        e.reason,
        iso(e.createdAt),
        iso(e.expiresAt),
        e.offence,
        e.actor,
        e.findingId,
        e.reportId,
      ]);
    }
    return resultOf(plan, text, plan.rows.length);
  },
};
