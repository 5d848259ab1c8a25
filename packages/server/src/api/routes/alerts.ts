/**
 * The alert delivery log: every message queued for a channel (Slack, e-mail, webhooks, Teams, Discord)
 * and every approved abuse-report e-mail, newest first — undelivered ones and the last 200 finished —
 * with status, attempts, next retry and last error, plus the dispatcher's counters. Read-only; when no
 * alert channel is configured the list is empty and `configured` is false.
 */
import { ALERT_EVENT_TYPES } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AlertDispatcher } from '../../notify/dispatcher.js';

export const Delivery = Type.Object({
  id: Type.String(),
  channel: Type.String({ description: 'Channel id from alerts.channels' }),
  channelType: Type.String({ description: 'slack, email, webhook, teams, discord' }),
  eventType: Type.Union([...[...ALERT_EVENT_TYPES, 'digest', 'abuse.report'].map((t) => Type.Literal(t))]),
  key: Type.String({ description: 'Idempotency key of the event (X-Rampart-Id)' }),
  title: Type.String(),
  status: Type.Union([
    Type.Literal('collecting'),
    Type.Literal('pending'),
    Type.Literal('delivered'),
    Type.Literal('failed'),
  ]),
  attempts: Type.Integer({ minimum: 0 }),
  createdAt: Type.Number({ description: 'Epoch ms' }),
  updatedAt: Type.Number({ description: 'Epoch ms' }),
  nextAt: Type.Number({ description: 'Epoch ms of the next attempt (pending, collecting)' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: Type.Union([Type.Number(), Type.Null()]),
});
export type Delivery = Static<typeof Delivery>;

const Counters = Type.Object({
  emitted: Type.Integer(),
  dropped: Type.Integer(),
  duplicates: Type.Integer(),
  digested: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
  retried: Type.Integer(),
});

export const DeliveriesReply = Type.Object({
  configured: Type.Boolean({ description: 'false when alerts.channels is empty' }),
  deliveries: Type.Array(Delivery),
  counters: Counters,
});

const Query = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('collecting'),
        Type.Literal('pending'),
        Type.Literal('delivered'),
        Type.Literal('failed'),
      ]),
    ),
    channel: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export type AlertRouteDeps = Pick<AlertDispatcher, 'deliveryLog' | 'counters'> | undefined;

const NO_COUNTERS = { emitted: 0, dropped: 0, duplicates: 0, digested: 0, delivered: 0, failed: 0, retried: 0 };

export function alertRoutes(alerts: AlertRouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/alerts/deliveries',
      {
        config: { permission: 'alerts:read' },
        schema: {
          tags: ['alerts'],
          summary: 'Alert deliveries, newest first: status, attempts, next retry, last error',
          querystring: Query,
          response: { 200: DeliveriesReply },
        },
      },
      async (request) => {
        const q = request.query as Static<typeof Query>;
        const deliveries: Delivery[] = [];
        for (const r of alerts?.deliveryLog() ?? []) {
          if (q.status !== undefined && r.status !== q.status) continue;
          if (q.channel !== undefined && r.channel !== q.channel) continue;
          deliveries.push({ ...r, lastError: r.lastError ?? null, deliveredAt: r.deliveredAt ?? null });
        }
        return { configured: alerts !== undefined, deliveries, counters: alerts?.counters() ?? NO_COUNTERS };
      },
    );
  };
}
