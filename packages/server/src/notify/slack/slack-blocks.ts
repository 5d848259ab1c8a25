/**
 * Slack Block Kit payload of an alert: a header, the summary, counts by category, the top findings
 * (entity, score, recommendation) and a button to the report. Log-derived text is escaped for Slack
 * mrkdwn (&, <, >), which also stops `<!channel>`-style mentions and forged links, and cut to Slack's
 * field limits (header 150, section 3000 characters, 50 blocks).
 */
import type { AlertMessage } from '../alert-message.js';

/** Slack mrkdwn control characters. */
export const slackEscape = (s: string): string =>
  s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export type SlackBlock = Record<string, unknown>;

export function slackPayload(m: AlertMessage): { text: string; blocks: SlackBlock[] } {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(m.title, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(slackEscape(m.summary) || ' ', 3000) } },
  ];
  if (m.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: m.facts
        .slice(0, 10)
        .map((f) => ({ type: 'mrkdwn', text: cut(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, 2000) })),
    });
  }
  if (m.counts.length > 0) {
    const counts = m.counts.map((c) => `${slackEscape(c.category)}: ${c.count}`).join('  ·  ');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(`*Findings by category*\n${counts}`, 3000) } });
  }
  for (const f of m.findings) {
    const text =
      `*${slackEscape(f.entity)}* · ${slackEscape(f.category)} · score ${f.score.toFixed(2)}\n` +
      `Recommendation: \`${slackEscape(f.recommendation)}\`\n${slackEscape(f.summary)}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } });
  }
  if (m.totalFindings > m.findings.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${m.totalFindings - m.findings.length} more finding(s)` }],
    });
  }
  if (m.items.length > 0) {
    const list = m.items
      .map((i) => `• ${i.link ? `<${i.link}|${slackEscape(i.title)}>` : slackEscape(i.title)}`)
      .join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(list, 3000) } });
  }
  if (m.link) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Rampart' }, url: m.link }],
    });
  }
  return { text: cut(m.title, 3000), blocks: blocks.slice(0, 50) };
}
