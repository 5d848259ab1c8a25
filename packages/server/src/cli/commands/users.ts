/**
 * `rampart users add|list|role|remove|unlock` on the local data directory. `add` invites: it prints the
 * single-use link (and its token) once — only a hash is stored — for the admin to pass on; e-mail
 * delivery needs the running server. Every change is audited with the CLI actor.
 */
import { join } from 'node:path';
import { RampartError } from '@rampart/core';
import { renderTable } from '../../analyze/text-table.js';
import { STATE_DB_FILE } from '../../store/sqlite/sqlite-state-store.js';
import { openTeam } from '../../team/open-team.js';
import { ROLES } from '../../team/roles.js';
import type { Team } from '../../team/team.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { cliActor, type StateCliOptions, stateOptions, withLocalState } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';

type Opts = StateCliOptions & { actor?: string; json?: boolean; url?: string };

function withTeam(o: Opts, io: CliIo, fn: (team: Team, now: number) => Promise<number>): Promise<number> {
  return withLocalState(o, io, async ({ store, dataDir, now }) => {
    const baseUrl = o.url ?? io.env.RAMPART_PUBLIC_URL ?? 'http://127.0.0.1:8080';
    if (!/^https?:\/\/[^\s/]+/.test(baseUrl))
      throw new RampartError('INVALID_ARGUMENT', `--url is not an http(s) URL: ${baseUrl}`);
    const opened = openTeam(join(dataDir, STATE_DB_FILE), store, { baseUrl });
    try {
      return await fn(opened.team, now);
    } finally {
      opened.close();
    }
  });
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export const usersCommand: CliCommandModule = {
  register(program, io, state) {
    const users = program
      .command('users')
      .description('people who use the dashboard: invite, list, change roles, remove');
    const run = (p: Promise<number>) =>
      p.then((code) => {
        state.exitCode = code;
      });
    const actor = (o: Opts) => ({ actor: cliActor(o, io) });

    stateOptions(users.command('add').argument('<email>'))
      .description('invite a user: prints a single-use link (valid 72 h) to pass on; shown once')
      .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
      .option('--url <url>', 'dashboard address for the link (default: $RAMPART_PUBLIC_URL or http://127.0.0.1:8080)')
      .option('--actor <name>', 'who is inviting (audit trail; default: $USER)')
      .option('--json', 'print JSON')
      .action((email: string, o: Opts & { role: string }) =>
        run(
          withTeam(o, io, async (team, now) => {
            const issued = await team.invite(email, o.role, { ...actor(o), now });
            if (o.json) io.stdout.write(`${JSON.stringify(issued, null, 2)}\n`);
            else {
              io.stdout.write(`invited ${issued.user.email} as ${issued.user.role} (${issued.user.id})\n`);
              io.stdout.write(`invitation link (single use, expires ${iso(issued.expiresAt)}; shown only now):\n`);
              io.stdout.write(`  ${issued.link}\n`);
              io.stdout.write(`token: ${issued.token}\n`);
            }
            return EXIT.OK;
          }),
        ),
      );

    stateOptions(users.command('list'))
      .description('list users with role and status (invited, active)')
      .option('--all', 'include removed users')
      .option('--json', 'print JSON')
      .action((o: Opts & { all?: boolean }) =>
        run(
          withTeam(o, io, async (team) => {
            const list = team.list(o.all === true);
            if (o.json) io.stdout.write(`${JSON.stringify({ users: list }, null, 2)}\n`);
            else if (list.length === 0) io.stdout.write('no users\n');
            else {
              const cols = ['ID', 'EMAIL', 'ROLE', 'STATUS', 'CREATED'].map((header) => ({ header, max: 60 }));
              const rows = list.map((u) => [u.id, u.email, u.role, u.status, iso(u.createdAt)]);
              io.stdout.write(`${renderTable(cols, rows, '')}\n`);
            }
            return EXIT.OK;
          }),
        ),
      );

    stateOptions(users.command('role').argument('<email>').argument('<role>'))
      .description(`change a user's role (${ROLES.join(', ')})`)
      .option('--actor <name>', 'who makes the change (audit trail; default: $USER)')
      .action((email: string, role: string, o: Opts) =>
        run(
          withTeam(o, io, async (team, now) => {
            const u = await team.setRole(email, role, { ...actor(o), now });
            io.stdout.write(`${u.email} is now ${u.role}\n`);
            return EXIT.OK;
          }),
        ),
      );

    stateOptions(users.command('remove').argument('<email>'))
      .description('remove a user: their sessions end and open links stop working (kept as history)')
      .option('--actor <name>', 'who makes the change (audit trail; default: $USER)')
      .action((email: string, o: Opts) =>
        run(
          withTeam(o, io, async (team, now) => {
            const u = await team.remove(email, { ...actor(o), now });
            io.stdout.write(`removed ${u.email} (${u.id})\n`);
            return EXIT.OK;
          }),
        ),
      );

    stateOptions(users.command('unlock').argument('<email>'))
      .description('clear the log-in lock-out of an account (after too many failed log-ins)')
      .option('--actor <name>', 'who clears it (audit trail; default: $USER)')
      .action((email: string, o: Opts) =>
        run(
          withTeam(o, io, async (team, now) => {
            const u = await team.unlock(email, { ...actor(o), now });
            io.stdout.write(`${u.email} may log in again\n`);
            return EXIT.OK;
          }),
        ),
      );
  },
};
