/**
 * `rampart serve` as a function: opens the platform in the data directory, creates the first admin token
 * (returned once, stored hashed), loads the demo day when asked, rebuilds detection windows from the
 * stored events, starts the HTTP API, the syslog listeners and the file tails, the report cycle and the
 * retention timer. The team (people, log-in sessions, invitations) lives in the same state.db; refused
 * log-ins go into the server's own ingest pipeline so its detectors see attacks on Rampart itself. `close()` stops intake first, flushes what was accepted, then closes the stores.
 */
import { join } from 'node:path';
import { createParser, type LineParser, type RampartConfig } from '@rampart/core';
import type { FastifyInstance } from 'fastify';
import { buildApi, type RouteRecord, routesOf } from '../api/app.js';
import type { CliIo } from '../cli/command.js';
import { FailedLoginFeed } from '../team/failed-login-feed.js';
import { openTeam } from '../team/open-team.js';
import { teamSendFromAlerts } from '../team/team-smtp.js';
import { loadDemoDay } from './demo.js';
import { openPlatform, type Platform } from './platform.js';
import { rebuildWindows } from './rebuild-windows.js';
import { RetentionSettings } from './retention-settings.js';
import { type RunningSyslog, startSyslog } from './syslog-listener.js';
import { type RunningTail, startTail } from './tail-listener.js';

export interface ServeOptions {
  readonly config: RampartConfig;
  readonly configPath?: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly demo: boolean;
  /** Create (and print) another admin token even though tokens exist: the way back in after losing one. */
  readonly newAdminToken?: boolean;
  readonly io: CliIo;
  readonly version: string;
  /** One line of operator news (start-up, errors); never per event. */
  readonly log: (line: string) => void;
  /** Called as soon as the API listens (before windows are rebuilt and the demo is loaded). */
  readonly onListening?: (info: { url: string; adminToken: string | undefined }) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Text of the admin token created on this start (first start only). */
  readonly adminToken: string | undefined;
  readonly platform: Platform;
  readonly syslog: readonly RunningSyslog[];
  /** Every API route with its declared permission. */
  readonly routes: readonly RouteRecord[];
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const now = () => Date.now();
  const onError = (err: unknown) => o.log(`error: ${(err as Error)?.message ?? String(err)}`);
  const p = await openPlatform({
    config: o.config,
    configPath: o.configPath,
    dataDir: o.dataDir,
    io: o.io,
    now,
    onError,
  });
  const cfg = o.config.server;
  let adminToken: string | undefined;
  if (p.tokens.count() === 0 || o.newAdminToken) {
    const taken = p.tokens.list().some((t) => t.name === 'admin');
    const name = taken ? `admin-${new Date(now()).toISOString().replace(/[:.]/g, '-')}` : 'admin';
    adminToken = (await p.tokens.create(name, ['admin'], { actor: 'rampart serve', now: now() })).token;
  }
  const parsers = new Map<string, LineParser>();
  const parseOptions = {
    trustedProxies: o.config.ingest.trustedProxies,
    apiKeyHeaders: o.config.ingest.apiKeyHeaders,
    apiKeyParams: o.config.ingest.apiKeyParams,
  };
  const lineParser = (format: string) => {
    let parser = parsers.get(format);
    if (!parser) {
      parser = createParser(format, {}, parseOptions);
      parsers.set(format, parser);
    }
    return parser;
  };

  // Links in invitation e-mails point at alerts.publicUrl, else at the address the API listens on.
  let listenUrl = `http://${o.host}:${o.port}`;
  const team = openTeam(join(p.dataDir, o.config.server.stateFile), p.state, {
    baseUrl: () => o.config.alerts.publicUrl ?? listenUrl,
    send: teamSendFromAlerts(o.config.alerts),
  });
  const pruneTeam = () => {
    try {
      team.team.store.prune(now() - 7 * 86_400_000);
    } catch (err) {
      onError(err);
    }
  };
  pruneTeam();
  const teamPruning = setInterval(pruneTeam, 86_400_000);
  teamPruning.unref();
  const failedLoginCounter = p.metrics.counter(
    'rampart_failed_logins_total',
    'Refused log-ins to Rampart, by what became of their event: stored, skipped (event time not live), dropped',
  );
  const liveWithinMs = (o.config.detect.latenessSeconds + 300) * 1000;
  const failedLogins = new FailedLoginFeed({
    accept: (events) => p.pipeline.accept(events, 'rampart-login'),
    onError,
    live: () => {
      const w = p.clock.watermark(now());
      return w === undefined || w >= now() - liveWithinMs;
    },
    count: (outcome, n) => failedLoginCounter.inc({ outcome }, n),
  });

  const retention = await RetentionSettings.open(p.state, cfg.retention, now());
  if (retention.current().source === 'api') {
    const r = retention.current();
    o.log(`retention: limits set through the API apply (max age ${r.maxAgeDays} days, max events ${r.maxEvents})`);
  }

  let ready = false;
  const app: FastifyInstance = await buildApi(
    {
      auth: { authenticate: async (t) => p.tokens.authenticate(t) },
      metrics: p.metrics,
      events: p.events,
      ready: () => ready,
      version: o.version,
      config: o.config,
      team: team.team,
      onLoginFailure: failedLogins.push,
      dataDir: p.dataDir,
      onError,
      now,
      ingest: {
        lineParser,
        accept: (events) => p.pipeline.accept(events, 'http'),
        maxDecompressedBytes: cfg.maxDecompressedBytes,
      },
      platform: {
        state: p.state,
        stateOptions: p.stateOptions,
        tokens: p.tokens,
        findings: () => p.cycle.findings(),
        now,
        onReportApproved: (report, actor) => p.onReportApproved(report, actor),
      },
      alerts: p.alerts,
      retention,
    },
    { bodyLimit: cfg.bodyLimitBytes, logger: false, trustedProxies: cfg.trustedProxies },
  );
  await app.listen({ host: o.host, port: o.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  listenUrl = url;
  o.onListening?.({ url, adminToken });

  // Windows first, then the demo (an empty store has nothing to rebuild), then intake opens.
  const rebuilt = await rebuildWindows(p.events, p.enricher, p.pipeline, cfg.rebuildWindowHours);
  if (rebuilt > 0) o.log(`detection windows rebuilt from ${rebuilt} stored events`);
  p.pipeline.open = true;
  if (o.demo && (await p.events.count()) === 0) {
    o.log('demo: generating and loading a lab day (ready when /readyz says so)…');
    const lines = await loadDemoDay(p, o.io);
    o.log(`demo: loaded a generated lab day (${lines} lines)`);
  }
  await p.cycle.runOnce();
  ready = true;

  const syslog: RunningSyslog[] = [];
  for (const s of cfg.syslog) {
    syslog.push(
      await startSyslog(
        { host: s.host, udpPort: s.udpPort, tcpPort: s.tcpPort, parser: lineParser(s.format) },
        p.pipeline,
        p.metrics,
      ),
    );
  }
  const tails: RunningTail[] = cfg.tail.map((t) =>
    startTail(
      {
        path: t.path,
        parser: createParser(t.format, {}, parseOptions),
        dataDir: p.dataDir,
        maxLineBytes: o.config.ingest.maxLineBytes,
      },
      p.pipeline,
      p.metrics,
      onError,
    ),
  );
  p.cycle.start(cfg.reportCycleSeconds * 1000);
  const retentionTimer = setInterval(() => {
    const r = retention.current();
    if (r.maxAgeDays <= 0 && r.maxEvents <= 0) return;
    p.events
      .applyRetention(
        {
          ...(r.maxAgeDays > 0 ? { maxAgeMs: r.maxAgeDays * 86_400_000 } : {}),
          ...(r.maxEvents > 0 ? { maxEvents: r.maxEvents } : {}),
        },
        now(),
      )
      .then((d) => d.deleted > 0 && o.log(`retention: deleted ${d.deleted} events`))
      .catch(onError);
  }, cfg.retention.everyMinutes * 60_000);
  retentionTimer.unref();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    adminToken,
    platform: p,
    syslog,
    routes: routesOf(app),
    close() {
      closing ??= (async () => {
        clearInterval(retentionTimer);
        clearInterval(teamPruning);
        ready = false;
        await Promise.all(syslog.map((s) => s.stop()));
        await Promise.all(tails.map((t) => t.stop()));
        await app.close();
        await failedLogins.flush();
        await p.close();
        team.close();
      })();
      return closing;
    },
  };
}
