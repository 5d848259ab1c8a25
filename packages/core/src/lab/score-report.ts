/** Renders a lab score as the plain-text table `rampart lab score` prints. */
import type { LabScore } from './score.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  return rows
    .map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '))
    .join('\n');
}

export function formatLabScore(s: LabScore): string {
  const out: string[] = [];
  out.push(
    `findings ${s.findings}   flagged addresses/keys ${s.flaggedUnits}   true positives ${s.truePositives}   ` +
      `false positives ${s.falsePositives}   crawler throttles (allowed) ${s.allowedCrawlerUnits}`,
  );
  out.push(`precision ${pct(s.precision)}   macro recall ${pct(s.macroRecall)}`, '');
  const rows: string[][] = [['category', 'scenario', 'units', 'flagged', 'recall', 'same category']];
  for (const x of s.scenarios) {
    rows.push([x.category, x.scenario, String(x.units), String(x.flagged), pct(x.recall), pct(x.categoryMatch)]);
  }
  out.push(table(rows), '');
  const hn: string[][] = [['hard negative', 'actors', 'flagged']];
  for (const [kind, v] of Object.entries(s.hardNegatives)) hn.push([kind, String(v.actors), String(v.flagged)]);
  out.push(table(hn), '');
  out.push(
    `humans flagged ${s.humansFlagged}   verified crawlers flagged ${s.verifiedCrawlersFlagged}   ` +
      `CGNAT gateways flagged ${s.cgnatFlagged}   office NATs flagged ${s.officeNatFlagged}`,
  );
  if (s.falsePositiveSamples.length > 0) {
    out.push('', 'false positives (first 10):');
    for (const f of s.falsePositiveSamples.slice(0, 10)) {
      out.push(`  ${f.unit}  ${f.kind} (${f.owner})  by ${f.detector || '?'} as ${f.category}`);
    }
  }
  out.push('', s.passed ? 'PASS: all bars met' : `FAIL: ${s.failures.join('; ')}`);
  return `${out.join('\n')}\n`;
}
