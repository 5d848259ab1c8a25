/**
 * Settings of `rampart serve`: where it listens, where the stores live, the report cycle, ingest limits
 * and backpressure, retention (applied by the server on a timer) and the ingest listeners (syslog ports,
 * followed files). Reference: docs/configuration.md (generated from this schema) and docs/server.md.
 */
import { type Static, Type } from '@sinclair/typebox';

const formatId = () =>
  Type.String({
    pattern: '^[a-z0-9_]{1,40}$',
    default: 'nginx_combined',
    description: "Parser id (see `rampart formats`), e.g. 'nginx_combined', 'cloudflare'.",
  });

export const SyslogListenerSchema = Type.Object(
  {
    host: Type.String({ default: '127.0.0.1', description: 'Address the listener binds to.' }),
    udpPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, description: 'UDP port; omit for no UDP.' })),
    tcpPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, description: 'TCP port; omit for no TCP.' })),
    format: formatId(),
  },
  { additionalProperties: false },
);
export type SyslogListener = Static<typeof SyslogListenerSchema>;

export const TailListenerSchema = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'Log file to follow (relative to the working directory).' }),
    format: formatId(),
  },
  { additionalProperties: false },
);
export type TailListener = Static<typeof TailListenerSchema>;

export const ServerConfigSchema = Type.Object(
  {
    host: Type.String({ default: '127.0.0.1', description: 'Address the HTTP API listens on (loopback by default).' }),
    port: Type.Integer({ default: 8080, minimum: 0, maximum: 65535, description: 'HTTP port (0 = any free port).' }),
    dataDir: Type.Optional(
      Type.String({
        description: 'Data directory of both stores; `--data` and RAMPART_DATA override it. Default ./rampart-data.',
      }),
    ),
    stateFile: Type.String({ default: 'state.db', description: 'State store (SQLite) file, inside the data dir.' }),
    eventsFile: Type.String({
      default: 'events.duckdb',
      description: 'Event store (DuckDB) file, inside the data dir.',
    }),
    eventsMemoryLimit: Type.Optional(
      Type.String({ pattern: '^\\d+(MB|GB)$', description: "DuckDB memory limit, e.g. '1GB'." }),
    ),
    reportCycleSeconds: Type.Number({
      default: 60,
      minimum: 0.2,
      maximum: 3600,
      description:
        'Every this many seconds detection advances, findings are stored, one report per service with new findings is created and automatic bans are applied.',
    }),
    reporter: Type.String({
      default: 'abuse@localhost',
      description: 'Sender address written into abuse-report drafts.',
    }),
    bodyLimitBytes: Type.Integer({
      default: 16 * 1024 * 1024,
      minimum: 1024,
      description: 'Largest HTTP request body (compressed size for gzip ingest).',
    }),
    maxDecompressedBytes: Type.Integer({
      default: 64 * 1024 * 1024,
      minimum: 1024,
      description: 'Largest ingest body after gzip decompression; a gzip bomb stops here (413).',
    }),
    maxInFlightEvents: Type.Integer({
      default: 200_000,
      minimum: 100,
      description: 'Events accepted but not yet durable; above this, ingest answers 503 with Retry-After.',
    }),
    retention: Type.Object(
      {
        maxAgeDays: Type.Number({ default: 30, minimum: 0, description: 'Delete events older than this (0 = keep).' }),
        maxEvents: Type.Integer({
          default: 0,
          minimum: 0,
          description: 'Keep at most this many events (0 = no limit).',
        }),
        everyMinutes: Type.Number({ default: 10, minimum: 0.01, description: 'How often retention runs.' }),
      },
      { default: {}, additionalProperties: false },
    ),
    rebuildWindowHours: Type.Number({
      default: 24,
      minimum: 0,
      maximum: 168,
      description:
        'On start, detection windows are rebuilt from the stored events of this many hours (the longest window).',
    }),
    trustedProxies: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      default: [],
      maxItems: 256,
      description:
        "Addresses or CIDRs of reverse proxies in front of the API (e.g. ['127.0.0.1']). A request from one of them " +
        'is attributed to the right-most X-Forwarded-For address that is not a trusted proxy: log-in limits and ' +
        'refused log-in events then see the real client. Empty (default): X-Forwarded-For is ignored.',
    }),
    syslog: Type.Array(SyslogListenerSchema, {
      default: [],
      description: 'Syslog listeners (RFC 5424/3164, UDP/TCP).',
    }),
    tail: Type.Array(TailListenerSchema, {
      default: [],
      description: 'Files followed like `tail -F` (rotation-safe, checkpointed in the data dir).',
    }),
  },
  { default: {}, additionalProperties: false },
);
export type ServerConfig = Static<typeof ServerConfigSchema>;
