/**
 * The channel-neutral message an event becomes after a channel's filters: what every renderer (Slack
 * blocks, e-mail text/HTML, webhook JSON, Teams, Discord) draws from. It is what the outbox stores, so a
 * retry after a restart renders the same message. Text fields hold log-derived data: renderers MUST
 * escape them for their format.
 */
import type { AlertEventType } from '@rampart/core';

export interface MessageFinding {
  readonly id: string;
  readonly entity: string;
  readonly category: string;
  readonly score: number;
  readonly recommendation: string;
  readonly summary: string;
}

export interface AlertMessage {
  readonly eventType: AlertEventType | 'digest';
  /** Idempotency key of the event (digest: 'digest:<channel>:<first time>'). */
  readonly key: string;
  readonly service: string | undefined;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly title: string;
  readonly summary: string;
  /** Findings by category, largest first. */
  readonly counts: readonly { readonly category: string; readonly count: number }[];
  /** Top findings (highest score first), at most TOP_FINDINGS. */
  readonly findings: readonly MessageFinding[];
  /** How many findings the message is about in all. */
  readonly totalFindings: number;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** Dashboard link, when a public URL is configured. */
  readonly link: string | undefined;
  /** Epoch ms. */
  readonly at: number;
  /** Digest only: the messages it stands for. */
  readonly items: readonly DigestItem[];
}

export interface DigestItem {
  readonly eventType: AlertEventType;
  readonly key: string;
  readonly title: string;
  readonly link: string | undefined;
}

export const TOP_FINDINGS = 5;
/** Digest items listed in full; the rest are counted. */
export const DIGEST_ITEMS = 25;
