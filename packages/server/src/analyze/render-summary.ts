/** The traffic summary as text: headline figures, then one aligned table per dimension. */

import type { TopEntry } from './summary/top-counter.js';
import type { TrafficSummary } from './summary/traffic-summary.js';
import { formatBytes, formatDecimal, formatDuration, formatInt, formatShare, renderTable } from './text-table.js';

export function renderSummaryText(s: TrafficSummary): string {
  const out: string[] = ['Traffic'];
  const classes = Object.entries(s.statusClasses)
    .map(([cls, n]) => `${cls} ${formatInt(n)}`)
    .join(' · ');
  const rows: Array<[string, string]> = [['Requests', formatInt(s.requests)]];
  if (s.firstSeen !== null && s.lastSeen !== null) {
    rows.push(['Time range', `${s.firstSeen} → ${s.lastSeen} (${formatDuration(s.durationSeconds)})`]);
    rows.push(['Average rate', `${formatDecimal(s.averageRps)} req/s`]);
  }
  if (s.peakSecond) rows.push(['Peak second', `${formatInt(s.peakSecond.requests)} req at ${s.peakSecond.start}`]);
  if (s.peakMinute) {
    rows.push([
      'Peak minute',
      `${formatInt(s.peakMinute.requests)} req (${formatDecimal(s.peakMinute.rps)} req/s) at ${s.peakMinute.start}`,
    ]);
  }
  rows.push(['Unique IPs', `${formatInt(s.uniqueIps)}${s.exact ? '' : ' (at least)'}`]);
  rows.push(['Bytes sent', formatBytes(s.bytes)]);
  if (classes) rows.push(['Statuses', classes]);
  const labelWidth = Math.max(...rows.map((r) => r[0].length));
  for (const [label, value] of rows) out.push(`  ${label.padEnd(labelWidth)}  ${value}`);
  if (!s.exact) out.push('  (top tables approximate: too many distinct values to count exactly; see docs/analyze.md)');

  const section = (title: string, header: string, entries: readonly TopEntry[], max = 70) => {
    if (entries.length === 0) return;
    out.push('', title);
    out.push(
      renderTable(
        [
          { header, max },
          { header: 'requests', align: 'right' },
          { header: 'share', align: 'right' },
        ],
        entries.map((e) => [e.value === '' ? '(none)' : e.value, formatInt(e.count), formatShare(e.count, s.requests)]),
      ),
    );
  };
  section('Top client IPs', 'ip', s.top.ips);
  section('Top paths', 'path', s.top.paths);
  section('Top hosts', 'host', s.top.hosts);
  section('Statuses', 'status', s.top.statuses);
  section('Methods', 'method', s.top.methods);
  section('Top user agents', 'user agent', s.top.userAgents, 90);
  return out.join('\n');
}
