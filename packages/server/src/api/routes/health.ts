/** Liveness, readiness and Prometheus metrics; public by default. */
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../app.js';

export function healthRoutes(deps: Pick<ApiDeps, 'metrics' | 'ready' | 'version'>): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/healthz',
      { config: { permission: 'public' }, schema: { tags: ['health'], summary: 'Liveness' } },
      async () => ({
        status: 'ok',
        version: deps.version,
      }),
    );
    app.get(
      '/readyz',
      { config: { permission: 'public' }, schema: { tags: ['health'], summary: 'Readiness' } },
      async (_req, reply) =>
        deps.ready()
          ? { status: 'ready' }
          : reply.status(503).send({ error: { code: 'OVERLOADED', message: 'not ready' } }),
    );
    app.get(
      '/metrics',
      { config: { permission: 'public' }, schema: { tags: ['health'], summary: 'Prometheus metrics' } },
      async (_req, reply) => reply.type('text/plain; version=0.0.4').send(deps.metrics.render()),
    );
  };
}
