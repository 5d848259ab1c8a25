/**
 * Opens the team on a state database: the user store on its own connection to the same `state.db` as
 * the state store (whose audit trail records every team change). The server and the CLI both use this.
 */
import type { StateStore } from '../store/contract/state-store.js';
import { SqliteUserStore } from '../store/sqlite/sqlite-users.js';
import { Team, type TeamOptions } from './team.js';

export interface OpenedTeam {
  readonly team: Team;
  close(): void;
}

export function openTeam(
  statePath: string,
  state: StateStore,
  options: Omit<TeamOptions, 'store' | 'audit'>,
): OpenedTeam {
  const store = new SqliteUserStore(statePath);
  return { team: new Team({ ...options, store, audit: state.audit }), close: () => store.close() };
}
