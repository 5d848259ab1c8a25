/**
 * A team on a real state database in a temporary directory: the SQLite state store (audit trail) and
 * the user store on the same `state.db`, fast scrypt parameters (the default ones are tested on their
 * own), and an outbox that keeps every e-mail `send` was given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateStore } from '../../packages/server/src/store/contract/state-store.js';
import { openSqliteStateStore } from '../../packages/server/src/store/sqlite/sqlite-state-store.js';
import { SqliteUserStore } from '../../packages/server/src/store/sqlite/sqlite-users.js';
import { Team, type TeamOptions } from '../../packages/server/src/team/team.js';
import type { MailMessage } from '../../packages/server/src/team/team-mail.js';

export const FAST_KDF = { logN: 10, r: 8, p: 1 };
export const T0 = Date.parse('2026-03-01T10:00:00Z');
export const HOUR = 3_600_000;

export interface TeamFixture {
  readonly team: Team;
  readonly state: StateStore;
  readonly users: SqliteUserStore;
  readonly outbox: MailMessage[];
  readonly path: string;
  /** Closes and opens the stores again on the same file (a server restart). */
  reopen(): Promise<TeamFixture>;
  close(): Promise<void>;
}

const dirs: string[] = [];
export function cleanupTeamDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function openTeamFixture(
  options: Partial<Omit<TeamOptions, 'store' | 'audit'>> = {},
  path?: string,
): TeamFixture {
  let file = path;
  if (file === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-team-'));
    dirs.push(dir);
    file = join(dir, 'state.db');
  }
  const statePath = file;
  const state = openSqliteStateStore(statePath, { escalation: { ladderSeconds: [3600], lookbackSeconds: 86400 } });
  const users = new SqliteUserStore(statePath);
  const outbox: MailMessage[] = [];
  const team = new Team({
    store: users,
    audit: state.audit,
    baseUrl: 'https://rampart.example.com/',
    kdf: FAST_KDF,
    send: async (m) => {
      outbox.push(m);
    },
    ...options,
  });
  const close = async () => {
    users.close();
    await state.close();
  };
  return {
    team,
    state,
    users,
    outbox,
    path: statePath,
    close,
    reopen: async () => {
      await close();
      return openTeamFixture(options, statePath);
    },
  };
}

/** The token in a link `…#token=<token>`. */
export const tokenOf = (link: string): string => link.slice(link.indexOf('#token=') + 7);

/** Invites and accepts: an active user with `password`. */
export async function activeUser(f: TeamFixture, email: string, role: string, password: string, now = T0) {
  const issued = await f.team.invite(email, role, { actor: 'setup', now });
  return f.team.acceptInvitation(issued.token, password, now + 1000);
}
