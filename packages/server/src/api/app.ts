/**
 * Builds the HTTP API as a Fastify instance (not listening: `rampart serve` listens, tests use `inject`).
 * Every route declares a schema (validated on input, published at /api/docs) and the permission it needs
 * (auth.ts); people log in with a session cookie, machines send API tokens.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RampartConfig, RequestEvent } from '@rampart/core';
import Fastify, { type FastifyInstance } from 'fastify';
import type { EventStore } from '../store/contract/event-store.js';
import type { Team } from '../team/team.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import { authHook, type RoutePermission, type TokenAuthenticator } from './auth.js';
import { errorHandler, sendError } from './error-handler.js';
import type { PlatformDeps } from './platform.js';
import { accountLinkRoutes } from './routes/account-links.js';
import { type AlertRouteDeps, alertRoutes } from './routes/alerts.js';
import { auditRoutes } from './routes/audit.js';
import { listRoutes } from './routes/bans.js';
import { crowdsecRoutes } from './routes/crowdsec.js';
import { dashboardSettingsRoutes } from './routes/dashboard-settings.js';
import { dashboardRoutes } from './routes/dashboard-static.js';
import { exportRoutes } from './routes/exports.js';
import { findingsRoutes } from './routes/findings.js';
import { healthRoutes } from './routes/health.js';
import { type IngestDeps, ingestRoutes } from './routes/ingest.js';
import { reportRoutes } from './routes/reports.js';
import { SessionStore, sessionRoutes } from './routes/session.js';
import { simulateRoutes } from './routes/simulate.js';
import { tokenRoutes } from './routes/tokens.js';
import { trafficRoutes } from './routes/traffic.js';
import { type UsageDeps, usageRoutes } from './routes/usage.js';
import { userRoutes } from './routes/users.js';

export interface ApiDeps {
  readonly auth: TokenAuthenticator;
  readonly metrics: MetricsRegistry;
  readonly ingest: IngestDeps;
  readonly events: EventStore;
  /** Ready = stores open and detection caught up; used by /readyz. */
  readonly ready: () => boolean;
  readonly version: string;
  /** Findings, reports, bans, allowlist, audit, tokens, exports, simulation, CrowdSec LAPI (`rampart serve`). */
  readonly platform?: PlatformDeps;
  /** The configuration in effect: its detect and decide sections are shown by GET /api/v1/settings. */
  readonly config?: RampartConfig;
  /** People: accounts, log-in, sessions, invitations (`rampart serve` opens it on state.db). */
  readonly team?: Team;
  /** Each refused log-in as the request it was, for Rampart's own detection. */
  readonly onLoginFailure?: (event: RequestEvent) => void;
  /** The data directory, for the disk usage answer of GET /api/v1/usage. */
  readonly dataDir?: string;
  /** Errors of work done after an answer (e.g. sending a reset e-mail). */
  readonly onError?: (err: unknown) => void;
  readonly now?: () => number;
  /** The alert delivery log (`rampart serve`); undefined = no alert channels configured. */
  readonly alerts?: AlertRouteDeps;
  /** Retention limits in effect and changeable through the API (`rampart serve`). */
  readonly retention?: UsageDeps['retention'];
}

export interface ApiOptions {
  /** Largest request body accepted, bytes (after gzip decompression for ingest). */
  readonly bodyLimit: number;
  /** Reverse proxies (addresses or CIDRs) whose X-Forwarded-For is believed; empty or absent = none. */
  readonly trustedProxies?: readonly string[];
  readonly logger: boolean;
}

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };

/** One registered route and the permission it declared (undefined = none: refused to everyone). */
export interface RouteRecord {
  readonly method: string;
  readonly url: string;
  readonly permission: RoutePermission | undefined;
}

const routeTables = new WeakMap<FastifyInstance, RouteRecord[]>();

/** Every route of an app built by `buildApi`, as registered (tests walk them all). */
export const routesOf = (app: FastifyInstance): readonly RouteRecord[] => routeTables.get(app) ?? [];

export async function buildApi(deps: ApiDeps, options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: options.bodyLimit,
    // Attackers control every header: X-Forwarded-For is believed only from the configured proxies, and then
    // the client is its right-most address that is not one of them (request.ip).
    trustProxy: options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    // Unknown fields are an error, not silently dropped: a typo in `ttlSeconds` MUST NOT make a permanent ban.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`),
  );
  const now = deps.now ?? (() => Date.now());
  const sessions = new SessionStore({ now });
  app.addHook('onRequest', authHook({ auth: deps.auth, sessions, team: deps.team, now }));
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics
      .counter('rampart_http_requests_total', 'HTTP API requests by route and status class')
      .inc({ route: request.routeOptions.url ?? 'unmatched', status: `${Math.floor(reply.statusCode / 100)}xx` });
  });

  // The API documentation is public; the hook MUST be added before swagger-ui registers its routes.
  const table: RouteRecord[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), permission: 'public' };
    // Read when asked: onRoute hooks of plugins (the dashboard's) set the permission after this one runs.
    for (const method of [route.method].flat()) {
      table.push({
        method,
        url: route.url,
        get permission() {
          return route.config?.permission;
        },
      });
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rampart API',
        version: deps.version,
        description: 'Ingest, traffic queries, findings, bans, exports.',
      },
      components: {
        securitySchemes: {
          token: { type: 'http', scheme: 'bearer', description: 'API token with scopes' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'rampart_session',
            description: 'Log-in session (send X-CSRF-Token on unsafe requests)',
          },
          bouncerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Token with the bouncer scope' },
        },
      },
      security: [{ token: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(healthRoutes(deps));
  await app.register(ingestRoutes(deps.ingest, deps.metrics));
  await app.register(trafficRoutes(deps.events));
  await app.register(
    sessionRoutes({ auth: deps.auth, sessions, team: deps.team, now, onLoginFailure: deps.onLoginFailure }),
  );
  if (deps.team) {
    await app.register(userRoutes(deps.team, now));
    await app.register(accountLinkRoutes(deps.team, now, deps.onError ?? (() => {})));
  }
  await app.register(
    usageRoutes({ events: deps.events, now, dataDir: deps.dataDir, config: deps.config, retention: deps.retention }),
  );
  await app.register(dashboardRoutes());
  if (deps.config) await app.register(dashboardSettingsRoutes(deps.config));
  await app.register(alertRoutes(deps.alerts));
  const p = deps.platform;
  if (p) {
    await app.register(findingsRoutes(p));
    await app.register(reportRoutes(p));
    await app.register(listRoutes(p));
    await app.register(auditRoutes(p));
    await app.register(tokenRoutes(p));
    await app.register(exportRoutes(p));
    await app.register(simulateRoutes(p, deps.events));
    await app.register(crowdsecRoutes(p));
  }
  return app;
}
