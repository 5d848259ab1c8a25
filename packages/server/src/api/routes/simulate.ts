/**
 * POST /api/v1/simulate: what a candidate ban set (or, without one, the active ban list) would have blocked
 * over a range of stored events: requests, share, addresses, the part from unflagged clients, verified
 * crawlers and the allowlist, with a verdict. Flagged = the current findings.
 */
import { type BanEntry, candidateBans, RampartError, simulate } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { EventStore } from '../../store/contract/event-store.js';
import type { PlatformDeps } from '../platform.js';

const Body = Type.Object(
  {
    values: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        maxItems: 10_000,
        description: 'Candidate bans (IP, CIDR, AS123, country); omitted = the active ban list',
      }),
    ),
    from: Type.Optional(Type.Integer({ minimum: 0, description: 'Epoch ms; default: 24 h before `to`' })),
    to: Type.Optional(Type.Integer({ minimum: 0, description: 'Epoch ms; default: the newest stored event' })),
    service: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export function simulateRoutes(deps: PlatformDeps, events: EventStore): FastifyPluginAsync {
  return async (app) => {
    app.post(
      '/api/v1/simulate',
      {
        config: { permission: 'simulate:run' },
        schema: { tags: ['simulation'], summary: 'Impact of a ban set on stored traffic', body: Body },
      },
      async (request) => {
        const b = request.body as Static<typeof Body>;
        const now = deps.now();
        let bans: BanEntry[];
        if (b.values) {
          const c = candidateBans(b.values, { service: b.service });
          if (c.invalid.length > 0) {
            throw new RampartError(
              'INVALID_ADDRESS',
              c.invalid
                .map((i) => `${i.value}: ${i.reason}`)
                .join('; ')
                .slice(0, 500),
            );
          }
          bans = c.entries;
        } else bans = await deps.state.bans.list({ now, service: b.service });
        // Everything acknowledged so far counts, not only what the loader has moved into the store yet.
        await events.flush();
        const last =
          b.to ?? ((await events.totals({ range: { from: 0, to: Number.MAX_SAFE_INTEGER } })).last ?? now) + 1;
        const from = b.from ?? last - 86_400_000;
        if (from >= last) throw new RampartError('INVALID_ARGUMENT', '`from` must be before `to`');
        const filter = b.service ? { service: b.service } : undefined;
        const result = await simulate(events.scan({ range: { from, to: last }, ...(filter ? { filter } : {}) }), {
          bans,
          allows: await deps.state.allow.list({ now, service: b.service }),
          findings: deps.findings(),
          from,
          to: last,
        });
        return { range: { from, to: last }, bans: bans.length, result };
      },
    );
  };
}
