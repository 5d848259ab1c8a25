/**
 * Microsoft Teams: an Adaptive Card (1.4) in the `message`/`attachments` envelope that both Teams
 * Workflows webhooks ("when a Teams webhook request is received") and classic incoming-webhook
 * connectors accept: title, summary, facts, top findings and an "Open in Rampart" button. TextBlocks
 * render a Markdown subset, so log-derived text has Markdown and HTML characters escaped.
 */
import type { AlertMessage } from '../alert-message.js';
import type { ChannelFactory } from '../channel.js';
import { postJson } from '../http-post.js';

const md = (s: string) =>
  s.replace(/[\\`*_{}[\]()#+\-.!<>&|~]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );
const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

export function teamsCard(m: AlertMessage): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    text(md(m.title), { weight: 'Bolder', size: 'Medium', color: m.severity === 'critical' ? 'Attention' : 'Warning' }),
    text(md(m.summary)),
  ];
  if (m.facts.length > 0)
    body.push({ type: 'FactSet', facts: m.facts.map((f) => ({ title: md(f.label), value: md(f.value) })) });
  for (const f of m.findings) {
    body.push(text(`**${md(f.entity)}** · ${md(f.category)} · score ${f.score.toFixed(2)}`, { separator: true }));
    body.push(text(`${md(f.recommendation)}: ${md(f.summary)}`, { isSubtle: true, spacing: 'None' }));
  }
  if (m.items.length > 0) body.push(text(m.items.map((i) => `- ${md(i.title)}`).join('\n')));
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
          actions: m.link ? [{ type: 'Action.OpenUrl', title: 'Open in Rampart', url: m.link }] : [],
        },
      },
    ],
  };
}

export const createTeamsChannel: ChannelFactory = (config, ctx) => ({
  id: config.id,
  type: 'teams',
  deliver: (message) =>
    postJson({
      url: config.url ?? '',
      body: JSON.stringify(teamsCard(message)),
      headers: {},
      timeoutMs: ctx.timeoutMs,
      allowPrivate: ctx.allowPrivate,
      resolve: ctx.resolve,
    }),
  close: () => {},
});
