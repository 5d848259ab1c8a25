/**
 * `rampart bans remove` and `rampart allow remove`: end entries given by id or by value (and service),
 * print what ended, and exit 2 when a target matched nothing.
 */
import type { ChangeContext, StateStore } from '../store/contract/state-store.js';
import type { CliIo } from './command.js';
import { cliActor, type StateCliOptions, withLocalState } from './data-dir.js';
import { EXIT } from './exit-codes.js';

interface Ended {
  readonly id: string;
  readonly kind: string;
  readonly value: string;
}

interface RemovableList {
  remove(id: string, reason: string, ctx: ChangeContext): Promise<Ended | undefined>;
  removeValue(value: string, service: string | undefined, reason: string, ctx: ChangeContext): Promise<Ended[]>;
}

export interface RemoveKind {
  /** Ids of this list, e.g. /^b\d+$/ for bans. */
  readonly idPattern: RegExp;
  readonly list: (store: StateStore) => RemovableList;
  /** The message when a target matched nothing. */
  readonly missing: (target: string, service: string | undefined) => string;
}

export function removeEntries(
  targets: readonly string[],
  o: StateCliOptions & { service?: string; reason?: string; actor?: string },
  io: CliIo,
  kind: RemoveKind,
): Promise<number> {
  const actor = cliActor(o, io);
  const reason = o.reason ?? 'manual removal';
  return withLocalState(o, io, async ({ store, now }) => {
    const list = kind.list(store);
    let missing = 0;
    for (const t of targets) {
      const ended = kind.idPattern.test(t)
        ? [await list.remove(t, reason, { actor, now })].filter((x) => x !== undefined)
        : await list.removeValue(t, o.service, reason, { actor, now });
      for (const e of ended) io.stdout.write(`removed ${e.id} ${e.kind} ${e.value}\n`);
      if (ended.length === 0) {
        missing++;
        io.stderr.write(`rampart: ${kind.missing(t, o.service)}\n`);
      }
    }
    return missing > 0 ? EXIT.USAGE : EXIT.OK;
  });
}
