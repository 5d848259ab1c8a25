/**
 * GET /api/v1/usage (usage:read — admins and billing): stored requests per service per UTC day (by the
 * events' own timestamps, from the event store's series per service), the bytes the data directory
 * takes on disk, and the retention settings in effect. Built from existing EventStore queries: one
 * breakdown by service, then one daily series per service (services are few: they come from the config).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RampartConfig } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { EventStore } from '../../store/contract/event-store.js';

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
        const retention = deps.config?.server.retention;
        return {
          from: range.from,
          to: range.to,
          events: perService.reduce((n, s) => n + s.events, 0),
          services: perService,
          storage: deps.dataDir !== undefined ? await storageUse(deps.dataDir) : null,
          retention: retention
            ? { maxAgeDays: retention.maxAgeDays, maxEvents: retention.maxEvents, everyMinutes: retention.everyMinutes }
            : null,
        };
      },
    );
  };
}
