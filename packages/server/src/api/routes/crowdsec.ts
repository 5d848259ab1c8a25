/**
 * The CrowdSec LAPI endpoints bouncers poll, `GET|HEAD /v1/decisions/stream` and `/v1/decisions`, mounted
 * on the shared handler (export/crowdsec/lapi-handler.ts). The bouncer API key (`X-Api-Key`) is a Rampart
 * token with the `bouncer` (or `admin`) scope; its stream cursor is kept in the state store, per token.
 * Authentication answers as LAPI does (403 `{"message":"access forbidden"}`), so the route is not behind
 * the token hook.
 */
import type { BouncerCursor } from '@rampart/core';
import type { FastifyPluginAsync } from 'fastify';
import { handleLapiRequest, type LapiDeps } from '../../export/crowdsec/lapi-handler.js';
import type { PlatformDeps } from '../platform.js';

export function crowdsecRoutes(deps: PlatformDeps): FastifyPluginAsync {
  const cursorName = (apiKey: string) => `bouncer:${deps.tokens.authenticate(apiKey)?.id ?? 'unknown'}`;
  const lapi: LapiDeps = {
    async bouncer(apiKey) {
      const p = deps.tokens.authenticate(apiKey);
      if (!p || !(p.scopes.has('bouncer') || p.scopes.has('admin'))) return undefined;
      const text = await deps.state.cursors.get(cursorName(apiKey));
      return { cursor: text ? (JSON.parse(text) as BouncerCursor) : undefined };
    },
    saveCursor: (apiKey, cursor) => deps.state.cursors.set(cursorName(apiKey), JSON.stringify(cursor)),
    async lists() {
      const now = deps.now();
      return { bans: await deps.state.bans.list({ now }), allow: await deps.state.allow.list({ now }) };
    },
    now: deps.now,
  };
  return async (app) => {
    for (const url of ['/v1/decisions/stream', '/v1/decisions']) {
      app.get(
        url,
        {
          config: { permission: 'public' },
          schema: {
            tags: ['crowdsec'],
            summary: `CrowdSec LAPI ${url} for bouncers (X-Api-Key: a token with the bouncer scope)`,
            security: [{ bouncerKey: [] }],
          },
        },
        async (request, reply) => {
          const key = request.headers['x-api-key'];
          const r = await handleLapiRequest(
            { method: request.method, url: request.url, apiKey: typeof key === 'string' ? key : undefined },
            lapi,
          );
          return reply.status(r.status).send(r.body ?? '');
        },
      );
    }
  };
}
