/**
 * `rampart allow add|list|remove` — the allowlist in the local data directory: IPs, CIDRs, ASNs,
 * countries, verified crawler families (--kind crawler) and API keys (--kind api-key). Allow entries
 * override bans; the active bans a new entry overlaps are printed, not silently overridden.
 */
import { ALLOW_KINDS, type AllowKind, RampartError } from '@rampart/core';
import { renderTable } from '../../analyze/text-table.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { cliActor, type StateCliOptions, stateOptions, withLocalState } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';
import { type RemoveKind, removeEntries } from '../remove-entries.js';
import { conflictLines, formatExpiry, ttlOption } from './bans.js';

interface AllowAddOptions extends StateCliOptions {
  kind?: string;
  ttl?: string;
  reason?: string;
  service?: string;
  actor?: string;
  json?: boolean;
}

function kindOption(text: string | undefined): AllowKind | undefined {
  if (text === undefined) return undefined;
  const k = text.replace('-', '_');
  if (!(ALLOW_KINDS as readonly string[]).includes(k)) {
    throw new RampartError(
      'INVALID_ARGUMENT',
      `--kind must be one of ${ALLOW_KINDS.join(', ')}: ${JSON.stringify(text)}`,
    );
  }
  return k as AllowKind;
}

async function add(values: string[], o: AllowAddOptions, io: CliIo): Promise<number> {
  const kind = kindOption(o.kind);
  const ttlSeconds = ttlOption(o.ttl);
  const actor = cliActor(o, io);
  return withLocalState(o, io, async ({ store, now }) => {
    const results = [];
    for (const value of values) {
      const res = await store.allow.add(
        { ...(kind ? { kind } : {}), value, reason: o.reason ?? 'manual allow', service: o.service, ttlSeconds },
        { actor, now },
      );
      results.push(res);
      if (o.json) continue;
      const e = res.entry;
      io.stdout.write(`allowed ${e.kind} ${e.value} as ${e.id}, expires ${formatExpiry(e.expiresAt, now)}\n`);
      if (res.conflicts.length > 0) {
        io.stderr.write(`warning: ${e.value} overlaps active bans; this allow entry overrides them:\n`);
        io.stderr.write(conflictLines('banned', res.conflicts));
      }
    }
    if (o.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return EXIT.OK;
  });
}

async function list(o: StateCliOptions & { service?: string; all?: boolean; json?: boolean }, io: CliIo) {
  return withLocalState(o, io, async ({ store, now }) => {
    const entries = await store.allow.list({ now, service: o.service, includeInactive: o.all === true });
    if (o.json) {
      io.stdout.write(`${JSON.stringify({ now: new Date(now).toISOString(), allow: entries }, null, 2)}\n`);
      return EXIT.OK;
    }
    if (entries.length === 0) {
      io.stdout.write('no allow entries\n');
      return EXIT.OK;
    }
    const rows = entries.map((a) => [
      a.id,
      a.kind,
      a.value,
      a.service ?? '(all)',
      a.endReason ?? formatExpiry(a.expiresAt, now),
      a.actor,
      a.reason,
    ]);
    const cols = ['ID', 'KIND', 'VALUE', 'SERVICE', 'EXPIRES', 'BY', 'REASON'];
    io.stdout.write(
      `${renderTable(
        cols.map((header) => ({ header, max: 60 })),
        rows,
        '',
      )}\n`,
    );
    return EXIT.OK;
  });
}

const REMOVE: RemoveKind = {
  idPattern: /^a\d+$/,
  list: (store) => store.allow,
  missing: (t) => `no active allow entry ${JSON.stringify(t)}`,
};

export const allowCommand: CliCommandModule = {
  register(program, io, state) {
    const allow = program.command('allow').description('add, list and remove allowlist entries (they override bans)');
    const run = (p: Promise<number>) =>
      p.then((code) => {
        state.exitCode = code;
      });
    stateOptions(allow.command('add').argument('<values...>', 'IP, CIDR, AS123, country, crawler family or API key'))
      .description('allow values (excluded from detection and enforcement)')
      .option('--kind <kind>', `${ALLOW_KINDS.join(' | ')} (default: guessed from the value)`)
      .option('--ttl <duration>', 'expire after, e.g. 7d (default: never)')
      .option('--reason <text>', 'why (recorded in the audit trail)')
      .option('--service <name>', 'only for this service (default: all services)')
      .option('--actor <name>', 'who (default: your login name)')
      .option('--json', 'print the result as JSON')
      .action((values: string[], o: AllowAddOptions) => run(add(values, o, io)));
    stateOptions(allow.command('list'))
      .description('list active allow entries (all with --all)')
      .option('--service <name>', 'entries that apply to this service')
      .option('--all', 'include removed and expired entries')
      .option('--json', 'print JSON')
      .action((o) => run(list(o, io)));
    stateOptions(allow.command('remove').argument('<targets...>', 'entry id (a3) or value'))
      .description('end allow entries by id or value')
      .option('--service <name>', 'the service the entry was for (default: global entries)')
      .option('--reason <text>', 'why (recorded in the audit trail)')
      .option('--actor <name>', 'who (default: your login name)')
      .action((targets: string[], o) => run(removeEntries(targets, o, io, REMOVE)));
  },
};
