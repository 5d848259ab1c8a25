/**
 * `rampart tokens create|list|revoke` — API tokens for machines (log shippers, bouncers, scripts) on the
 * local data directory, through the same token store the server uses. `create` prints the token once;
 * only its SHA-256 is stored. Changes are audited with the CLI actor.
 */
import { join } from 'node:path';
import { RampartError } from '@rampart/core';
import { renderTable } from '../../analyze/text-table.js';
import { SCOPES, type Scope } from '../../api/auth.js';
import { STATE_DB_FILE } from '../../store/sqlite/sqlite-state-store.js';
import { SqliteTokenStore } from '../../store/sqlite/sqlite-tokens.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { cliActor, type StateCliOptions, stateOptions, withLocalState } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';

type Opts = StateCliOptions & { actor?: string; json?: boolean };

function withTokens(o: Opts, io: CliIo, fn: (tokens: SqliteTokenStore, now: number) => Promise<number>) {
  return withLocalState(o, io, async ({ store, dataDir, now }) => {
    const tokens = new SqliteTokenStore(join(dataDir, STATE_DB_FILE), store);
    try {
      return await fn(tokens, now);
    } finally {
      tokens.close();
    }
  });
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export const tokensCommand: CliCommandModule = {
  register(program, io, state) {
    const tokens = program.command('tokens').description('API tokens for machines: create (shown once), list, revoke');
    const run = (p: Promise<number>) =>
      p.then((code) => {
        state.exitCode = code;
      });

    stateOptions(tokens.command('create').argument('<name>'))
      .description('create a token; its text is printed once and never stored')
      .requiredOption('--scope <scope...>', `one or more of ${SCOPES.join(', ')}`)
      .option('--actor <name>', 'who creates it (audit trail; default: $USER)')
      .option('--json', 'print JSON')
      .action((name: string, o: Opts & { scope: string[] }) => {
        const scopes = o.scope
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
        if (bad.length > 0) throw new RampartError('INVALID_ARGUMENT', `--scope must be some of ${SCOPES.join(', ')}`);
        const actor = cliActor(o, io);
        return run(
          withTokens(o, io, async (store, now) => {
            const { token, record } = await store.create(name, scopes as Scope[], { actor, now });
            if (o.json) io.stdout.write(`${JSON.stringify({ token, record }, null, 2)}\n`);
            else {
              io.stdout.write(`created token ${record.name} (${record.id}) with scopes ${record.scopes.join(', ')}\n`);
              io.stdout.write(`token (shown only now): ${token}\n`);
            }
            return EXIT.OK;
          }),
        );
      });

    stateOptions(tokens.command('list'))
      .description('list tokens (never their text)')
      .option('--json', 'print JSON')
      .action((o: Opts) =>
        run(
          withTokens(o, io, async (store) => {
            const list = store.list();
            if (o.json) io.stdout.write(`${JSON.stringify({ tokens: list }, null, 2)}\n`);
            else if (list.length === 0) io.stdout.write('no tokens\n');
            else {
              const cols = ['ID', 'NAME', 'SCOPES', 'CREATED', 'REVOKED'].map((header) => ({ header, max: 60 }));
              const rows = list.map((t) => [
                t.id,
                t.name,
                t.scopes.join(','),
                iso(t.createdAt),
                t.revokedAt === undefined ? '-' : iso(t.revokedAt),
              ]);
              io.stdout.write(`${renderTable(cols, rows, '')}\n`);
            }
            return EXIT.OK;
          }),
        ),
      );

    stateOptions(tokens.command('revoke').argument('<id>'))
      .description('revoke a token by id (t_…); requests with it are refused from then on')
      .option('--actor <name>', 'who revokes it (audit trail; default: $USER)')
      .action((id: string, o: Opts) => {
        const actor = cliActor(o, io);
        return run(
          withTokens(o, io, async (store, now) => {
            const t = await store.revoke(id, { actor, now });
            io.stdout.write(`revoked ${t.name} (${t.id})\n`);
            return EXIT.OK;
          }),
        );
      });
  },
};
