/** The audit trail: records in seq order (paged with afterSeq) and a verification of the hash chain. */
import { AUDIT_ACTIONS } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../platform.js';

const Query = Type.Object(
  {
    afterSeq: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
  },
  { additionalProperties: false },
);

export function auditRoutes(deps: PlatformDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/audit',
      {
        config: { permission: 'audit:read' },
        schema: { tags: ['audit'], summary: 'Audit records in order', querystring: Query },
      },
      async (request) => {
        const q = request.query as Static<typeof Query>;
        return { records: await deps.state.audit.list(q) };
      },
    );
    app.get(
      '/api/v1/audit/verify',
      { config: { permission: 'audit:read' }, schema: { tags: ['audit'], summary: 'Verify the hash chain' } },
      async () => ({ verdict: await deps.state.audit.verify(), head: (await deps.state.audit.head()) ?? null }),
    );
  };
}
