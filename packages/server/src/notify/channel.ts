/**
 * The contract every alert channel implements (one folder per channel type) and what they share: the
 * private-target policy, the resolver, the timeout and the clock. A channel renders a stored message
 * and delivers it once; retries, dedup and rate limits belong to the dispatcher.
 */
import type { AlertChannelConfig, AlertChannelType } from '@rampart/core';
import type { AlertMessage } from './alert-message.js';
import type { DeliveryOutcome } from './http-post.js';
import type { HostResolver } from './url-guard.js';

export interface Channel {
  readonly id: string;
  readonly type: AlertChannelType;
  deliver(message: AlertMessage): Promise<DeliveryOutcome>;
  close(): void;
}

export interface ChannelContext {
  readonly allowPrivate: boolean;
  readonly resolve: HostResolver;
  readonly timeoutMs: number;
  /** Epoch ms. */
  readonly clock: () => number;
}

/** A channel's settings with secrets already read from their files. */
export interface ResolvedChannelConfig extends AlertChannelConfig {
  readonly url?: string;
  readonly secret?: string;
}

export type ChannelFactory = (config: ResolvedChannelConfig, ctx: ChannelContext) => Channel;

/** Severity colours of embed formats (Discord); Slack blocks and Teams cards have no free colour. */
export const SEVERITY_COLOUR = { info: 0x2e86de, warning: 0xf39c12, critical: 0xc0392b } as const;
