/**
 * Discord webhook: one embed (title, description, fields, link) and `allowed_mentions: { parse: [] }`
 * so text from logs can never ping @everyone or a role. Discord answers 429 with Retry-After.
 */
import type { AlertMessage } from '../alert-message.js';
import { type ChannelFactory, SEVERITY_COLOUR } from '../channel.js';
import { postJson } from '../http-post.js';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const md = (s: string) => s.replace(/[\\`*_~|>[\]()]/g, (c) => `\\${c}`);

export function discordPayload(m: AlertMessage): Record<string, unknown> {
  const fields = [
    ...m.facts.map((f) => ({ name: cut(md(f.label), 256), value: cut(md(f.value), 1024) || '-', inline: true })),
    ...m.findings.map((f) => ({
      name: cut(md(`${f.entity} · ${f.category} · ${f.score.toFixed(2)}`), 256),
      value: cut(md(`${f.recommendation}: ${f.summary}`), 1024) || '-',
      inline: false,
    })),
  ].slice(0, 25);
  const items = m.items.map((i) => `• ${md(i.title)}`).join('\n');
  return {
    username: 'Rampart',
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(m.title, 256),
        description: cut([md(m.summary), items].filter(Boolean).join('\n\n'), 4096),
        color: SEVERITY_COLOUR[m.severity],
        timestamp: new Date(m.at).toISOString(),
        fields,
        ...(m.link ? { url: m.link } : {}),
      },
    ],
  };
}

export const createDiscordChannel: ChannelFactory = (config, ctx) => ({
  id: config.id,
  type: 'discord',
  deliver: (message) =>
    postJson({
      url: config.url ?? '',
      body: JSON.stringify(discordPayload(message)),
      headers: {},
      timeoutMs: ctx.timeoutMs,
      allowPrivate: ctx.allowPrivate,
      resolve: ctx.resolve,
    }),
  close: () => {},
});
