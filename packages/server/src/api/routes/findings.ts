/** GET /api/v1/findings: the detection engine's current findings (the `analyze --json` finding shape). */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../platform.js';

const Query = Type.Object(
  {
    service: Type.Optional(Type.String({ maxLength: 100 })),
    category: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    ip: Type.Optional(Type.String({ maxLength: 64, description: 'Only findings about or including this address' })),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }),
  },
  { additionalProperties: false },
);

export function findingsRoutes(deps: PlatformDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/findings',
      {
        config: { permission: 'findings:read' },
        schema: { tags: ['findings'], summary: 'Current findings, worst first', querystring: Query },
      },
      async (request) => {
        const q = request.query as Static<typeof Query>;
        const all = deps
          .findings()
          .filter(
            (f) =>
              (q.service === undefined || f.service === q.service) &&
              (q.category === undefined || f.category === q.category) &&
              (q.minScore === undefined || f.score >= q.minScore) &&
              (q.ip === undefined || f.entity.value === q.ip || (f.ips ?? []).includes(q.ip)),
          );
        return { total: all.length, findings: all.slice(0, q.limit) };
      },
    );
  };
}
