/**
 * Microsoft Teams incoming webhook (Office 365 connector "MessageCard" format): title, summary, facts,
 * top findings and a button to the report. Teams renders a Markdown subset, so log-derived text has its
 * Markdown and HTML characters escaped.
 */
import type { AlertMessage } from '../alert-message.js';
import { type ChannelFactory, SEVERITY_COLOUR } from '../channel.js';
import { postJson } from '../http-post.js';

const md = (s: string) =>
  s.replace(/[\\`*_{}[\]()#+\-.!<>&|]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );

export function teamsCard(m: AlertMessage): Record<string, unknown> {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: m.title.slice(0, 200),
    themeColor: SEVERITY_COLOUR[m.severity].toString(16).padStart(6, '0'),
    title: md(m.title),
    text: md(m.summary),
    sections: [
      { facts: m.facts.map((f) => ({ name: md(f.label), value: md(f.value) })) },
      ...m.findings.map((f) => ({
        activityTitle: md(`${f.entity} · ${f.category} · score ${f.score.toFixed(2)}`),
        text: md(`${f.recommendation}: ${f.summary}`),
      })),
      ...(m.items.length > 0 ? [{ text: m.items.map((i) => `- ${md(i.title)}`).join('\n') }] : []),
    ],
    potentialAction: m.link
      ? [{ '@type': 'OpenUri', name: 'Open in Rampart', targets: [{ os: 'default', uri: m.link }] }]
      : [],
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
