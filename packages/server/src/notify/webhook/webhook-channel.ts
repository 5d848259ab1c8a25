/**
 * Generic signed webhook: the message as JSON (stable field names, documented in docs/alerts.md), signed
 * per attempt so the timestamp is fresh on every retry. Unsigned when no secret is configured.
 */
import type { AlertMessage } from '../alert-message.js';
import type { ChannelFactory } from '../channel.js';
import { postJson } from '../http-post.js';
import { signBody } from './webhook-signature.js';

export function webhookBody(m: AlertMessage): string {
  return JSON.stringify({
    version: 1,
    type: m.eventType,
    id: m.key,
    service: m.service ?? null,
    severity: m.severity,
    title: m.title,
    summary: m.summary,
    at: new Date(m.at).toISOString(),
    link: m.link ?? null,
    counts: m.counts,
    findings: m.findings,
    totalFindings: m.totalFindings,
    facts: m.facts,
    items: m.items,
  });
}

export const createWebhookChannel: ChannelFactory = (config, ctx) => ({
  id: config.id,
  type: 'webhook',
  deliver: (message) => {
    const body = webhookBody(message);
    const ts = Math.floor(ctx.clock() / 1000);
    const headers: Record<string, string> = { 'x-rampart-event': message.eventType, 'x-rampart-id': message.key };
    if (config.secret !== undefined) {
      headers['x-rampart-timestamp'] = String(ts);
      headers['x-rampart-signature'] = signBody(config.secret, ts, body);
    }
    return postJson({
      url: config.url ?? '',
      body,
      headers,
      timeoutMs: ctx.timeoutMs,
      allowPrivate: ctx.allowPrivate,
      resolve: ctx.resolve,
    });
  },
  close: () => {},
});
