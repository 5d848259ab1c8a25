/**
 * Traffic queries behind the dashboard: the request series, breakdowns by any dimension and totals over a
 * time range, each filterable by dimension values and to a selection of entities (or everything but them).
 * Without `from`/`to` the range is the last 24 h of stored event time (a replayed day shows up as is).
 */

import { RampartError } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { DIMENSIONS, type EventFilter, type EventStore, type TimeRange } from '../../store/contract/event-store.js';

const csv = (description: string) =>
  Type.Optional(Type.String({ description: `${description}; comma-separated`, maxLength: 20_000 }));

export const TrafficQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'RFC 3339 time or epoch milliseconds' })),
  to: Type.Optional(Type.String({ description: 'RFC 3339 time or epoch milliseconds (exclusive)' })),
  service: Type.Optional(Type.String({ maxLength: 200 })),
  host: Type.Optional(Type.String({ maxLength: 500 })),
  path: Type.Optional(Type.String({ maxLength: 8192 })),
  path_template: Type.Optional(Type.String({ maxLength: 8192 })),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  status_class: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  ua_family: Type.Optional(Type.String({ maxLength: 200 })),
  network_type: Type.Optional(Type.String({ maxLength: 40 })),
  ip: csv('addresses to select'),
  cidr: csv('networks to select'),
  asn: csv('ASNs to select (64496 or AS64496)'),
  country: csv('ISO country codes to select'),
  exclude: Type.Optional(Type.Boolean({ description: 'select everything but the given entities' })),
});
export type TrafficQueryT = Static<typeof TrafficQuery>;

const DAY = 86_400_000;

export function parseTime(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new RampartError('INVALID_ARGUMENT', `${name}: not a time ('${text.slice(0, 40)}')`);
  return ms;
}

const list = (s: string | undefined): string[] =>
  s === undefined
    ? []
    : s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');

export function filterFromQuery(q: TrafficQueryT): EventFilter {
  const ips = list(q.ip);
  const cidrs = list(q.cidr);
  const asns = list(q.asn).map((a) => Number(a.replace(/^AS/i, '')));
  if (asns.some((a) => !Number.isInteger(a) || a < 0))
    throw new RampartError('INVALID_ARGUMENT', 'asn: not an AS number');
  const countries = list(q.country);
  const anyEntity = ips.length + cidrs.length + asns.length + countries.length > 0;
  return {
    ...(q.service !== undefined ? { service: q.service } : {}),
    ...(q.host !== undefined ? { host: q.host } : {}),
    ...(q.path !== undefined ? { path: q.path } : {}),
    ...(q.path_template !== undefined ? { pathTemplate: q.path_template } : {}),
    ...(q.status !== undefined ? { status: q.status } : {}),
    ...(q.status_class !== undefined ? { statusClass: q.status_class as 1 | 2 | 3 | 4 | 5 } : {}),
    ...(q.ua_family !== undefined ? { uaFamily: q.ua_family } : {}),
    ...(q.network_type !== undefined ? { networkType: q.network_type } : {}),
    ...(anyEntity ? { entities: { ips, cidrs, asns, countries }, excludeEntities: q.exclude === true } : {}),
  };
}

export async function rangeFromQuery(store: EventStore, q: { from?: string; to?: string }): Promise<TimeRange> {
  const from = parseTime(q.from, 'from');
  const to = parseTime(q.to, 'to');
  if (from !== undefined && to !== undefined) {
    if (to <= from) throw new RampartError('INVALID_ARGUMENT', 'to must be after from');
    return { from, to };
  }
  let end = to;
  if (end === undefined) {
    // The newest event (cheap), unless none is at or after `from`: then now, as with an empty store.
    const last = await store.lastEventTime();
    end = (last !== undefined && (from === undefined || last >= from) ? last : Date.now()) + 1;
  }
  return { from: from ?? end - DAY, to: end };
}

/** A step that gives at most ~1,500 points, rounded to a sensible unit. */
export function autoStep(range: TimeRange): number {
  const steps = [1000, 5000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 21_600_000, DAY];
  const span = range.to - range.from;
  return steps.find((s) => span / s <= 1500) ?? DAY;
}

export function trafficRoutes(store: EventStore): FastifyPluginAsync {
  return async (app) => {
    const config = { permission: 'traffic:read' as const };
    app.get(
      '/api/v1/traffic/series',
      {
        config,
        schema: {
          tags: ['traffic'],
          summary: 'Requests over time',
          querystring: Type.Intersect([
            TrafficQuery,
            Type.Object({
              step: Type.Optional(Type.Integer({ minimum: 1000, description: 'bucket size, ms' })),
              split: Type.Optional(Type.Literal('status_class')),
            }),
          ]),
        },
      },
      async (request) => {
        const q = request.query as TrafficQueryT & { step?: number; split?: 'status_class' };
        const range = await rangeFromQuery(store, q);
        const stepMs = q.step ?? autoStep(range);
        const points = await store.series({
          range,
          filter: filterFromQuery(q),
          stepMs,
          splitByStatusClass: q.split === 'status_class',
        });
        return { from: range.from, to: range.to, stepMs, points };
      },
    );
    app.get(
      '/api/v1/traffic/breakdown/:dimension',
      {
        config,
        schema: {
          tags: ['traffic'],
          summary: 'Top values of a dimension',
          params: Type.Object({ dimension: Type.Union(DIMENSIONS.map((d) => Type.Literal(d))) }),
          querystring: Type.Intersect([
            TrafficQuery,
            Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }),
          ]),
        },
      },
      async (request) => {
        const q = request.query as TrafficQueryT & { limit?: number };
        const { dimension } = request.params as { dimension: (typeof DIMENSIONS)[number] };
        const range = await rangeFromQuery(store, q);
        const rows = await store.breakdown({ range, filter: filterFromQuery(q), dimension, limit: q.limit ?? 50 });
        return { from: range.from, to: range.to, dimension, rows };
      },
    );
    app.get(
      '/api/v1/traffic/totals',
      { config, schema: { tags: ['traffic'], summary: 'Totals over a range', querystring: TrafficQuery } },
      async (request) => {
        const q = request.query as TrafficQueryT;
        const range = await rangeFromQuery(store, q);
        const [selected, all] = await Promise.all([
          store.totals({ range, filter: filterFromQuery(q) }),
          store.totals({ range }),
        ]);
        return {
          from: range.from,
          to: range.to,
          selected,
          all,
          share: all.requests === 0 ? 0 : selected.requests / all.requests,
        };
      },
    );
  };
}
