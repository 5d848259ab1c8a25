/**
 * Serves the built dashboard (`packages/dashboard/dist`) at `/`: hashed assets cached for a year, every
 * other GET outside the API answered with index.html (client-side routes), strict security headers with a
 * Content-Security-Policy that allows no inline script. Without a build, `/` says how to make one.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { sendError } from '../error-handler.js';

/** Log values are rendered as text by the app; this is the second wall if one ever is not. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** packages/server/{src,dist}/api/routes → packages/dashboard/dist */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../../dashboard/dist/', import.meta.url));

/** Paths that belong to the API or the server, never to the app (a miss there is a JSON 404). */
const SERVER_PATHS = /^\/(api|healthz|readyz|metrics|v1)(\/|$)/;

export function dashboardRoutes(root: string = DEFAULT_DASHBOARD_DIR): FastifyPluginAsync {
  return async (app) => {
    // Encapsulated: these hooks apply to the dashboard's routes only.
    app.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), permission: 'public' };
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
      return payload;
    });
    const built = existsSync(`${root}/index.html`);
    const indexHtml = (reply: FastifyReply) =>
      built
        ? reply.sendFile('index.html')
        : reply
            .type('text/plain; charset=utf-8')
            .send('The dashboard is not built. Run `npm run build` in the Rampart checkout, then restart.\n');
    if (built) {
      await app.register(fastifyStatic, {
        root,
        prefix: '/',
        wildcard: false,
        index: false,
        cacheControl: false,
        // Vite names assets by content hash: cache them for good; index.html is revalidated every time.
        setHeaders(res, path) {
          res.setHeader(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }
    app.get('/', { schema: { hide: true } }, async (_request, reply) => indexHtml(reply));
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (SERVER_PATHS.test(path) || path.includes('.')) {
        return sendError(reply, 'NOT_FOUND', `no route GET ${path.slice(0, 200)}`);
      }
      return indexHtml(reply);
    });
  };
}
