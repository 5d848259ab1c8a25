/**
 * The CLI's commands, in help order. Adding a command: one module in this folder and one line here.
 * Modules load lazily: running one command imports only its own code (Fastify, DuckDB, the IP index …
 * stay unloaded for `analyze`), which keeps start-up short.
 */
import type { CliCommandModule } from '../command.js';

export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<CliCommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'analyze', load: async () => (await import('./analyze.js')).analyzeCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'ingest', load: async () => (await import('./ingest.js')).ingestCommand },
  { name: 'replay', load: async () => (await import('./replay.js')).replayCommand },
  { name: 'lookup', load: async () => (await import('./lookup.js')).lookupCommand },
  { name: 'update-data', load: async () => (await import('./update-data.js')).updateDataCommand },
  { name: 'lab', load: async () => (await import('./lab.js')).labCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'bans', load: async () => (await import('./bans.js')).bansCommand },
  { name: 'allow', load: async () => (await import('./allow.js')).allowCommand },
  { name: 'audit', load: async () => (await import('./audit.js')).auditCommand },
  { name: 'users', load: async () => (await import('./users.js')).usersCommand },
  { name: 'tokens', load: async () => (await import('./tokens.js')).tokensCommand },
  { name: 'simulate', load: async () => (await import('./simulate.js')).simulateCommand },
  { name: 'reports', load: async () => (await import('./reports.js')).reportsCommand },
  { name: 'formats', load: async () => (await import('./formats.js')).formatsCommand },
  { name: 'config', load: async () => (await import('./config.js')).configCommand },
];
