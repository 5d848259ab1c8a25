/**
 * GET /api/v1/export/{format}: the active ban list rendered in any export format, so a firewall, WAF or
 * CDN job can poll a URL. Allow entries override bans as in `rampart export`. Readable with a `read` or a
 * `bouncer` token. Refused values and notes travel in `X-Rampart-*` headers; the body is the file.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { EXPORTERS, findExporter } from '../../export/registry.js';
import type { PlatformDeps } from '../platform.js';

const Params = Type.Object({
  format: Type.String({
    pattern: '^[a-z0-9_]{1,40}$',
    description: `One of: ${EXPORTERS.map((e) => e.id).join(', ')}`,
  }),
});
const Query = Type.Object(
  {
    service: Type.Optional(Type.String({ maxLength: 100 })),
    mode: Type.Optional(Type.Union([Type.Literal('ban'), Type.Literal('throttle')])),
    setPrefix: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{1,16}$' })),
  },
  { additionalProperties: false },
);

export function exportRoutes(deps: PlatformDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/export/:format',
      {
        config: { permission: 'export:read' },
        schema: {
          tags: ['exports'],
          summary: 'The active ban list as a rule file',
          params: Params,
          querystring: Query,
        },
      },
      async (request, reply) => {
        const { format } = request.params as Static<typeof Params>;
        const q = request.query as Static<typeof Query>;
        const exporter = findExporter(format);
        const now = deps.now();
        const bans = await deps.state.bans.list({ now, service: q.service });
        const allow = await deps.state.allow.list({ now, service: q.service });
        const result = exporter.render(bans, {
          now,
          service: q.service,
          allow,
          resolver: deps.resolver,
          mode: q.mode,
          setPrefix: q.setPrefix,
        });
        return reply
          .header('x-rampart-written', String(result.counts.written))
          .header('x-rampart-refused', String(result.refused.length))
          .type(exporter.contentType)
          .send(result.text);
      },
    );
  };
}
