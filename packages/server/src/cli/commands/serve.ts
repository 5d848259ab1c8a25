/**
 * `rampart serve` — the always-on platform: HTTP API (ingest, queries, decisions, exports, CrowdSec
 * stream), syslog and file-tail ingest, continuous detection, on the data directory (`--data`,
 * RAMPART_DATA, `server.dataDir`, else ./rampart-data). Prints the admin token once on first start.
 * Runs until SIGINT/SIGTERM, then flushes everything accepted and exits 0.
 */
import { resolve } from 'node:path';
import { RampartError } from '@rampart/core';
import { InvalidArgumentError } from 'commander';
import { loadCliConfig } from '../../data/enrich-setup.js';
import { startServer } from '../../serve/server.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface ServeCliOptions {
  config?: string;
  data?: string;
  port?: number;
  host?: string;
  demo?: boolean;
  newAdminToken?: boolean;
}

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number 0–65535');
  return n;
};

async function run(o: ServeCliOptions, io: CliIo): Promise<number> {
  const config = loadCliConfig(o, io);
  const dataDir = resolve(io.cwd, o.data ?? io.env.RAMPART_DATA ?? config.server.dataDir ?? 'rampart-data');
  const log = (line: string) => io.stderr.write(`rampart serve: ${line}\n`);
  const server = await startServer({
    config,
    configPath: o.config ?? io.env.RAMPART_CONFIG,
    dataDir,
    host: o.host ?? config.server.host,
    port: o.port ?? config.server.port,
    demo: o.demo === true,
    newAdminToken: o.newAdminToken === true,
    io,
    version: '0.1.0',
    log,
    onListening: ({ url, adminToken }) => {
      // One write, so a reader never sees the address without the token that goes with it.
      io.stdout.write(
        `rampart serve: listening on ${url} (data: ${dataDir})\n` +
          `rampart serve: API docs at ${url}/api/docs\n` +
          (adminToken
            ? `rampart serve: admin token (shown once, store it now): ${adminToken}\n` +
              'rampart serve: create narrower tokens with POST /api/v1/tokens (scopes ingest, read, bouncer, admin)\n'
            : ''),
      );
    },
  });
  for (const s of server.syslog) {
    io.stdout.write(`rampart serve: syslog udp=${s.server.udpPort ?? '-'} tcp=${s.server.tcpPort ?? '-'}\n`);
  }
  io.stdout.write('rampart serve: ready\n');
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      log(`${signal}: flushing and stopping`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done();
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  await server.close();
  log('stopped cleanly');
  return EXIT.OK;
}

export const serveCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('serve')
      .description('run the platform: HTTP API, ingest (HTTP, syslog, tail), continuous detection')
      .option('-c, --config <file>', 'YAML config (default: $RAMPART_CONFIG; defaults otherwise)')
      .option('--data <dir>', 'data directory (default: $RAMPART_DATA, server.dataDir, ./rampart-data)')
      .option('--port <n>', 'HTTP port (default 8080; 0 = any free port)', port)
      .option('--host <addr>', 'listen address (default 127.0.0.1)')
      .option('--demo', 'load a generated lab day into an empty data directory')
      .option('--new-admin-token', 'create and print another admin token (when the first one is lost)')
      .action(async (o: ServeCliOptions) => {
        if (o.host !== undefined && o.host.trim() === '') throw new RampartError('INVALID_ARGUMENT', '--host is empty');
        state.exitCode = await run(o, io);
      });
  },
};
