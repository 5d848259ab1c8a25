/** API tokens (admin only): list, create (the token text is in this answer only), revoke. Audited. */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { SCOPES } from '../auth.js';
import { changeContext, type PlatformDeps } from '../platform.js';

const Create = Type.Object(
  {
    name: Type.String({ pattern: '^[\\w.@-]{1,64}$' }),
    scopes: Type.Array(Type.Union(SCOPES.map((s) => Type.Literal(s))), { minItems: 1, maxItems: 4, uniqueItems: true }),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^t_[0-9a-f]{12}$' }) });

export function tokenRoutes(deps: PlatformDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/tokens',
      { config: { permission: 'tokens:read' }, schema: { tags: ['tokens'], summary: 'API tokens (never their text)' } },
      async () => ({ tokens: deps.tokens.list() }),
    );
    app.post(
      '/api/v1/tokens',
      {
        config: { permission: 'tokens:manage' },
        schema: { tags: ['tokens'], summary: 'Create a token; its text is shown once', body: Create },
      },
      async (request, reply) => {
        const b = request.body as Static<typeof Create>;
        return reply.status(201).send(await deps.tokens.create(b.name, b.scopes, changeContext(request, deps)));
      },
    );
    app.delete(
      '/api/v1/tokens/:id',
      {
        config: { permission: 'tokens:manage' },
        schema: { tags: ['tokens'], summary: 'Revoke a token', params: IdParams },
      },
      async (request) => {
        const { id } = request.params as Static<typeof IdParams>;
        return { token: await deps.tokens.revoke(id, changeContext(request, deps)) };
      },
    );
  };
}
