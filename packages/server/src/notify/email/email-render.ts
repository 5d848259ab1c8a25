/**
 * The alert e-mail: a subject line, a plain-text part and an HTML part. Every log-derived string in the
 * HTML goes through escapeHtml (attackers choose paths, user agents and user names); the subject has
 * control characters removed so it stays one header line.
 */
import type { AlertMessage } from '../alert-message.js';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 200);

export function emailSubject(m: AlertMessage): string {
  return oneLine(`[Rampart] ${m.title}`);
}

export function emailText(m: AlertMessage): string {
  const lines = [m.title, '', m.summary, ''];
  for (const f of m.facts) lines.push(`${f.label}: ${f.value}`);
  if (m.counts.length > 0)
    lines.push('', `Findings by category: ${m.counts.map((c) => `${c.category} ${c.count}`).join(', ')}`);
  if (m.findings.length > 0) lines.push('', 'Top findings:');
  for (const f of m.findings) {
    lines.push(`- ${f.entity} (${f.category}, score ${f.score.toFixed(2)}): ${f.recommendation}`, `  ${f.summary}`);
  }
  if (m.totalFindings > m.findings.length) lines.push(`- … and ${m.totalFindings - m.findings.length} more`);
  for (const i of m.items) lines.push(`- ${i.title}${i.link ? ` ${i.link}` : ''}`);
  if (m.link) lines.push('', `Open in Rampart: ${m.link}`);
  return `${lines.join('\n')}\n`;
}

export function emailHtml(m: AlertMessage): string {
  const e = escapeHtml;
  const facts = m.facts.map((f) => `<tr><th align="left">${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('');
  const counts = m.counts.map((c) => `<li>${e(c.category)}: ${c.count}</li>`).join('');
  const findings = m.findings
    .map(
      (f) =>
        `<tr><td><code>${e(f.entity)}</code></td><td>${e(f.category)}</td><td>${f.score.toFixed(2)}</td>` +
        `<td><code>${e(f.recommendation)}</code></td><td>${e(f.summary)}</td></tr>`,
    )
    .join('');
  const items = m.items
    .map((i) => `<li>${i.link ? `<a href="${e(i.link)}">${e(i.title)}</a>` : e(i.title)}</li>`)
    .join('');
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${e(m.title)}</h2>`,
    `<p>${e(m.summary)}</p>`,
    facts ? `<table>${facts}</table>` : '',
    counts ? `<h3>Findings by category</h3><ul>${counts}</ul>` : '',
    findings
      ? `<h3>Top findings</h3><table border="1" cellpadding="4" style="border-collapse:collapse"><tr><th>Entity</th><th>Category</th><th>Score</th><th>Recommendation</th><th>Summary</th></tr>${findings}</table>`
      : '',
    m.totalFindings > m.findings.length ? `<p>… and ${m.totalFindings - m.findings.length} more finding(s)</p>` : '',
    items ? `<ul>${items}</ul>` : '',
    m.link ? `<p><a href="${e(m.link)}">Open in Rampart</a></p>` : '',
    '</body></html>',
  ].join('');
}
