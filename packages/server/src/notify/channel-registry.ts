/** The channel types, one factory each; unknown types cannot pass the config schema. */
import type { AlertChannelType } from '@rampart/core';
import type { ChannelFactory } from './channel.js';
import { createDiscordChannel } from './discord/discord-channel.js';
import { createEmailChannel } from './email/email-channel.js';
import { createSlackChannel } from './slack/slack-channel.js';
import { createTeamsChannel } from './teams/teams-channel.js';
import { createWebhookChannel } from './webhook/webhook-channel.js';

export const CHANNEL_FACTORIES: Readonly<Record<AlertChannelType, ChannelFactory>> = {
  slack: createSlackChannel,
  email: createEmailChannel,
  webhook: createWebhookChannel,
  teams: createTeamsChannel,
  discord: createDiscordChannel,
};
