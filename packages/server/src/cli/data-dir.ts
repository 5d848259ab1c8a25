/**
 * Where the CLI's state lives: `--data DIR`, else RAMPART_DATA, else `./rampart-data` (relative to the
 * working directory), and opening the state store there with the decide config (`--config FILE` or
 * RAMPART_CONFIG; defaults otherwise). Every state command sweeps expired entries on open, so expiry is
 * audited even without a server running. Remote mode (`--server URL`) needs `rampart serve`, which does
 * not exist yet: it is refused with a clear message instead of being silently ignored.
 * The CLI edge is the only place that reads the wall clock (`cliNow`); RAMPART_NOW (ISO 8601) pins it
 * for tests and reproducible runs.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFromObject, configFromYaml, type DecideConfig, escalationFromConfig, RampartError } from '@rampart/core';
import type { StateStore, StateStoreOptions } from '../store/contract/state-store.js';
import { openSqliteStateStore, STATE_DB_FILE } from '../store/sqlite/sqlite-state-store.js';
import type { CliIo } from './command.js';

export interface StateCliOptions {
  data?: string;
  config?: string;
  server?: string;
  token?: string;
}

export function resolveDataDir(o: { data?: string }, io: CliIo): string {
  return resolve(io.cwd, o.data ?? io.env.RAMPART_DATA ?? 'rampart-data');
}

export function cliNow(io: CliIo): number {
  const pinned = io.env.RAMPART_NOW;
  if (pinned === undefined || pinned === '') return Date.now();
  const t = Date.parse(pinned);
  if (Number.isNaN(t)) throw new RampartError('INVALID_ARGUMENT', `RAMPART_NOW is not an ISO 8601 time: ${pinned}`);
  return t;
}

export function decideConfig(o: { config?: string }, io: CliIo): DecideConfig {
  const path = o.config ?? io.env.RAMPART_CONFIG;
  if (path === undefined || path === '') return configFromObject({}).decide;
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new RampartError('INVALID_CONFIG', `config file ${path}: ${(err as Error).message}`);
  }
  return configFromYaml(text, path).decide;
}

/** Refuses remote mode until the server exists. */
export function refuseRemote(o: StateCliOptions): void {
  if (o.server !== undefined || o.token !== undefined) {
    throw new RampartError(
      'INVALID_ARGUMENT',
      'server mode needs `rampart serve` (not available yet); drop --server/--token to work on the local data directory',
    );
  }
}

export interface OpenedState {
  readonly store: StateStore;
  readonly options: StateStoreOptions;
  readonly config: DecideConfig;
  readonly dataDir: string;
  readonly now: number;
}

/** Opens the local state store, sweeps expired entries, runs `fn`, and always closes the store. */
export async function withLocalState<T>(o: StateCliOptions, io: CliIo, fn: (s: OpenedState) => Promise<T>): Promise<T> {
  refuseRemote(o);
  const config = decideConfig(o, io);
  const options: StateStoreOptions = { escalation: escalationFromConfig(config) };
  const dataDir = resolveDataDir(o, io);
  const now = cliNow(io);
  const store = openSqliteStateStore(join(dataDir, STATE_DB_FILE), options);
  try {
    await store.sweepExpired(now);
    return await fn({ store, options, config, dataDir, now });
  } finally {
    await store.close();
  }
}

/** The actor recorded in the audit trail: --actor, else the login name, else 'cli'. */
export function cliActor(o: { actor?: string }, io: CliIo): string {
  const actor = o.actor ?? io.env.USER ?? io.env.USERNAME ?? 'cli';
  if (!/^[\w.@+-]{1,64}$/.test(actor))
    throw new RampartError('INVALID_ARGUMENT', `not an actor name: ${JSON.stringify(actor.slice(0, 64))}`);
  return actor;
}

/** Adds the options every state command shares. */
export function stateOptions<C extends { option(flags: string, description: string): C }>(cmd: C): C {
  return cmd
    .option('--data <dir>', 'data directory (default: $RAMPART_DATA or ./rampart-data)')
    .option('-c, --config <file>', 'YAML config (its decide section applies; default: $RAMPART_CONFIG)')
    .option('--server <url>', 'work on a running server (needs `rampart serve`, not available yet)')
    .option('--token <token>', 'API token for --server');
}
