/** Slack incoming webhook: POSTs the Block Kit payload; Slack answers 200 "ok", 429 with Retry-After. */
import type { ChannelFactory } from '../channel.js';
import { postJson } from '../http-post.js';
import { slackPayload } from './slack-blocks.js';

export const createSlackChannel: ChannelFactory = (config, ctx) => ({
  id: config.id,
  type: 'slack',
  deliver: (message) =>
    postJson({
      url: config.url ?? '',
      body: JSON.stringify(slackPayload(message)),
      headers: {},
      timeoutMs: ctx.timeoutMs,
      allowPrivate: ctx.allowPrivate,
      resolve: ctx.resolve,
    }),
  close: () => {},
});
