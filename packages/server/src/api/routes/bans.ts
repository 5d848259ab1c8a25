/**
 * Ban list and allowlist: list, add, remove. Changes are audited by the state store with the token's
 * name as actor; invalid values answer 400 INVALID_ADDRESS with the reason.
 */
import { BAN_MODES, RampartError } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AllowInput, BanInput } from '../../store/contract/state-store.js';
import { changeContext, type PlatformDeps } from '../platform.js';

const ListQuery = Type.Object(
  {
    service: Type.Optional(Type.String({ maxLength: 100 })),
    includeInactive: Type.Boolean({ default: false, description: 'Include ended and expired entries' }),
  },
  { additionalProperties: false },
);
const Service = Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 100 }));
const Reason = Type.String({ minLength: 1, maxLength: 1000 });
const BanBody = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 100, description: 'IP, CIDR, AS123 or a country code' }),
    kind: Type.Optional(Type.Union(['ip', 'cidr', 'asn', 'country'].map((k) => Type.Literal(k)))),
    mode: Type.Optional(Type.Union(BAN_MODES.map((m) => Type.Literal(m)))),
    service: Service,
    reason: Reason,
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 * 365 * 86400 })),
    permanent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const AllowBody = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 256 }),
    kind: Type.Optional(Type.Union(['ip', 'cidr', 'asn', 'country', 'crawler', 'api_key'].map((k) => Type.Literal(k)))),
    service: Service,
    reason: Reason,
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 * 365 * 86400 })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const RemoveQuery = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false });

export function listRoutes(deps: PlatformDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/bans',
      { config: { permission: 'bans:read' }, schema: { tags: ['bans'], summary: 'Ban list', querystring: ListQuery } },
      async (request) => {
        const q = request.query as Static<typeof ListQuery>;
        return {
          bans: await deps.state.bans.list({ now: deps.now(), service: q.service, includeInactive: q.includeInactive }),
        };
      },
    );
    app.post(
      '/api/v1/bans',
      {
        config: { permission: 'bans:write' },
        schema: { tags: ['bans'], summary: 'Add a ban (audited)', body: BanBody },
      },
      async (request, reply) => {
        const b = request.body as Static<typeof BanBody>;
        const r = await deps.state.bans.add({ ...b, origin: 'manual' } as BanInput, changeContext(request, deps));
        return reply.status(201).send(r);
      },
    );
    app.delete(
      '/api/v1/bans/:id',
      {
        config: { permission: 'bans:write' },
        schema: { tags: ['bans'], summary: 'End a ban (audited)', params: IdParams, querystring: RemoveQuery },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        const reason = (request.query as Static<typeof RemoveQuery>).reason ?? 'removed through the API';
        const ended = await deps.state.bans.remove(id, reason, changeContext(request, deps));
        if (!ended) throw new RampartError('NOT_FOUND', `no active ban ${JSON.stringify(id)}`);
        return { ban: ended };
      },
    );
    app.get(
      '/api/v1/allow',
      {
        config: { permission: 'allow:read' },
        schema: { tags: ['allowlist'], summary: 'Allowlist', querystring: ListQuery },
      },
      async (request) => {
        const q = request.query as Static<typeof ListQuery>;
        return {
          allow: await deps.state.allow.list({
            now: deps.now(),
            service: q.service,
            includeInactive: q.includeInactive,
          }),
        };
      },
    );
    app.post(
      '/api/v1/allow',
      {
        config: { permission: 'allow:write' },
        schema: { tags: ['allowlist'], summary: 'Add an allow entry (audited)', body: AllowBody },
      },
      async (request, reply) => {
        const b = request.body as Static<typeof AllowBody>;
        return reply.status(201).send(await deps.state.allow.add(b as AllowInput, changeContext(request, deps)));
      },
    );
    app.delete(
      '/api/v1/allow/:id',
      {
        config: { permission: 'allow:write' },
        schema: {
          tags: ['allowlist'],
          summary: 'End an allow entry (audited)',
          params: IdParams,
          querystring: RemoveQuery,
        },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        const reason = (request.query as Static<typeof RemoveQuery>).reason ?? 'removed through the API';
        const ended = await deps.state.allow.remove(id, reason, changeContext(request, deps));
        if (!ended) throw new RampartError('NOT_FOUND', `no active allow entry ${JSON.stringify(id)}`);
        return { allow: ended };
      },
    );
  };
}
