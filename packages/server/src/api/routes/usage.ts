/**
 * GET /api/v1/usage (usage:read — admins and billing): stored requests per service per UTC day (by the
 * events' own timestamps, from the event store's series per service), the bytes the data directory
 * takes on disk, and the retention settings in effect. Built from existing EventStore queries: one
 * breakdown by service, then one daily series per service (services are few: they come from the config).
 *
 * GET/PUT /api/v1/retention (retention:read / retention:write — admins and billing): the retention limits
 * in effect, and changing them (kept in the state store, audited; `{ "reset": true }` goes back to the
 * config file's).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type RampartConfig, RampartError } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { RetentionInEffect, RetentionSettings } from '../../serve/retention-settings.js';
import type { EventStore } from '../../store/contract/event-store.js';
import { changeContext } from '../platform.js';

const DAY = 86_400_000;
const Query = Type.Object(
  {
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'UTC days to show' })),
    to: Type.Optional(
      Type.Integer({ minimum: 0, description: 'A time in the last day shown (epoch ms; default now)' }),
    ),
  },
  { additionalProperties: false },
);

const RetentionBody = Type.Union([
  Type.Object(
    {
      maxAgeDays: Type.Number({
        minimum: 0,
        maximum: 36_500,
        description: 'Delete events older than this; 0 = no age limit',
      }),
      maxEvents: Type.Integer({
        minimum: 0,
        maximum: 1e12,
        description: 'Keep at most this many events; 0 = no limit',
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { reset: Type.Literal(true, { description: "Go back to the config file's limits" }) },
    { additionalProperties: false },
  ),
]);
const RetentionAnswer = Type.Object({
  maxAgeDays: Type.Number(),
  maxEvents: Type.Number(),
  everyMinutes: Type.Number(),
  source: Type.Union([Type.Literal('config'), Type.Literal('api')]),
});

export interface StorageUse {
  readonly bytes: number;
  /** Top-level entries of the data directory, largest first (directories summed). */
  readonly files: { name: string; bytes: number }[];
}

/** Bytes under `dir`, following no symbolic links; unreadable entries count as 0. */
async function bytesUnder(path: string, depth: number): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  if (depth <= 0) return 0;
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const e of entries) if (!e.isSymbolicLink()) total += await bytesUnder(join(path, e.name), depth - 1);
  return total;
}

export async function storageUse(dataDir: string): Promise<StorageUse> {
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  const files: { name: string; bytes: number }[] = [];
  for (const e of entries) {
    if (e.isSymbolicLink()) continue;
    files.push({ name: e.name, bytes: await bytesUnder(join(dataDir, e.name), 4) });
  }
  files.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  return { bytes: files.reduce((n, f) => n + f.bytes, 0), files };
}

export interface UsageDeps {
  readonly events: EventStore;
  readonly now: () => number;
  readonly dataDir?: string | undefined;
  readonly config?: RampartConfig | undefined;
  /** The limits in effect and the way to change them (`rampart serve`); else the config file's, read-only. */
  readonly retention?: Pick<RetentionSettings, 'current' | 'set'> | undefined;
}

function retentionInEffect(deps: UsageDeps): RetentionInEffect | null {
  if (deps.retention) return deps.retention.current();
  const r = deps.config?.server.retention;
  return r
    ? { maxAgeDays: r.maxAgeDays, maxEvents: r.maxEvents, everyMinutes: r.everyMinutes, source: 'config' }
    : null;
}

export function usageRoutes(deps: UsageDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/usage',
      {
        config: { permission: 'usage:read' },
        schema: {
          tags: ['usage'],
          summary: 'Stored requests per service per day, disk used, retention settings',
          querystring: Query,
        },
      },
      async (request) => {
        const q = request.query as Static<typeof Query>;
        const days = q.days ?? 30;
        const lastDay = Math.floor((q.to ?? deps.now()) / DAY) * DAY;
        const range = { from: lastDay - (days - 1) * DAY, to: lastDay + DAY };
        await deps.events.flush();
        const services = await deps.events.breakdown({ range, dimension: 'service', limit: 200 });
        const perService = [];
        for (const s of services) {
          const series = await deps.events.series({ range, filter: { service: s.key }, stepMs: DAY });
          perService.push({
            service: s.key,
            events: s.requests,
            days: series.map((p) => ({ day: new Date(p.t).toISOString().slice(0, 10), events: p.requests })),
          });
        }
        return {
          from: range.from,
          to: range.to,
          events: perService.reduce((n, s) => n + s.events, 0),
          services: perService,
          storage: deps.dataDir !== undefined ? await storageUse(deps.dataDir) : null,
          retention: retentionInEffect(deps),
        };
      },
    );

    app.get(
      '/api/v1/retention',
      {
        config: { permission: 'retention:read' },
        schema: {
          tags: ['usage'],
          summary: 'Retention limits in effect and where they come from',
          response: { 200: Type.Union([RetentionAnswer, Type.Null()]) },
        },
      },
      async () => retentionInEffect(deps),
    );

    app.put(
      '/api/v1/retention',
      {
        config: { permission: 'retention:write' },
        schema: {
          tags: ['usage'],
          summary:
            'Change the retention limits (kept across restarts, audited); {"reset": true} restores the config file\'s',
          body: RetentionBody,
          response: { 200: RetentionAnswer },
        },
      },
      async (request) => {
        if (!deps.retention) {
          throw new RampartError('NOT_FOUND', 'retention can be changed only on a running rampart serve');
        }
        const body = request.body as Static<typeof RetentionBody>;
        const ctx = changeContext(request, { now: deps.now });
        return deps.retention.set('reset' in body ? 'reset' : body, ctx);
      },
    );
  };
}
