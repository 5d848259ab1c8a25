/**
 * `rampart bans add|list|remove` — the ban list in the local data directory. Values are validated and
 * normalized by the store (addresses, CIDRs, AS numbers, country codes); a ban without --ttl follows the
 * escalation ladder; an overlap with the allowlist is printed (the allow entry wins), never hidden.
 */
import { BAN_MODES, type BanMode, formatDuration, parseDuration, RampartError } from '@rampart/core';
import { renderTable } from '../../analyze/text-table.js';
import type { AllowRecord, BanRecord } from '../../store/contract/state-store.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { cliActor, type StateCliOptions, stateOptions, withLocalState } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';
import { type RemoveKind, removeEntries } from '../remove-entries.js';

interface BanAddOptions extends StateCliOptions {
  ttl?: string;
  permanent?: boolean;
  mode?: string;
  reason?: string;
  service?: string;
  actor?: string;
  json?: boolean;
}

export function ttlOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = parseDuration(text);
  if (s === undefined)
    throw new RampartError(
      'INVALID_ARGUMENT',
      `--ttl must be a duration like 90s, 30m, 6h, 7d: ${JSON.stringify(text)}`,
    );
  return s;
}

function modeOption(text: string | undefined): BanMode | undefined {
  if (text === undefined) return undefined;
  if (!(BAN_MODES as readonly string[]).includes(text)) {
    throw new RampartError(
      'INVALID_ARGUMENT',
      `--mode must be one of ${BAN_MODES.join(', ')}: ${JSON.stringify(text)}`,
    );
  }
  return text as BanMode;
}

/** '2026-01-10T18:00:00Z (6h)' (time left rounded to the minute), 'never', or 'expired'. */
export function formatExpiry(expiresAt: number | undefined, now: number): string {
  if (expiresAt === undefined) return 'never';
  if (expiresAt <= now) return 'expired';
  const left = Math.ceil((expiresAt - now) / 1000);
  const rounded = left >= 120 ? Math.round(left / 60) * 60 : left;
  return `${new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')} (${formatDuration(rounded)})`;
}

export function conflictLines(what: string, conflicts: readonly (AllowRecord | BanRecord)[]): string {
  return conflicts
    .map(
      (c) =>
        `  overlap: ${what} ${c.kind} ${c.value} (${c.id}${c.service ? `, service ${c.service}` : ''}): ${c.reason}\n`,
    )
    .join('');
}

async function add(values: string[], o: BanAddOptions, io: CliIo): Promise<number> {
  const ttlSeconds = ttlOption(o.ttl);
  const mode = modeOption(o.mode);
  const actor = cliActor(o, io);
  return withLocalState(o, io, async ({ store, now }) => {
    const results = [];
    for (const value of values) {
      const res = await store.bans.add(
        {
          value,
          reason: o.reason ?? 'manual ban',
          ...(mode ? { mode } : {}),
          service: o.service,
          ttlSeconds,
          permanent: o.permanent === true,
        },
        { actor, now },
      );
      results.push(res);
      if (o.json) continue;
      const e = res.entry;
      const offence = e.offence > 0 ? `, offence ${e.offence + 1}` : '';
      io.stdout.write(
        `${e.mode} ${e.kind} ${e.value} as ${e.id}, expires ${formatExpiry(e.expiresAt, now)}${offence}\n`,
      );
      if (res.superseded) io.stdout.write(`  replaces ${res.superseded.id}\n`);
      if (res.conflicts.length > 0) {
        io.stderr.write(`warning: ${e.value} overlaps the allowlist; the allow entries win:\n`);
        io.stderr.write(conflictLines('allowed', res.conflicts));
      }
    }
    if (o.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return EXIT.OK;
  });
}

export function banRows(bans: readonly BanRecord[], now: number): string[][] {
  return bans.map((b) => [
    b.id,
    b.kind,
    b.value,
    b.mode,
    b.service ?? '(all)',
    b.endReason ?? formatExpiry(b.expiresAt, now),
    b.origin,
    String(b.offence + 1),
    b.reason,
  ]);
}

async function list(o: StateCliOptions & { service?: string; all?: boolean; json?: boolean }, io: CliIo) {
  return withLocalState(o, io, async ({ store, now }) => {
    const bans = await store.bans.list({ now, service: o.service, includeInactive: o.all === true });
    if (o.json) {
      io.stdout.write(`${JSON.stringify({ now: new Date(now).toISOString(), bans }, null, 2)}\n`);
      return EXIT.OK;
    }
    if (bans.length === 0) {
      io.stdout.write(o.all ? 'no bans\n' : 'no active bans\n');
      return EXIT.OK;
    }
    const cols = ['ID', 'KIND', 'VALUE', 'MODE', 'SERVICE', 'EXPIRES', 'ORIGIN', 'OFFENCE', 'REASON'];
    io.stdout.write(
      `${renderTable(
        cols.map((header) => ({ header, max: header === 'REASON' ? 60 : 50 })),
        banRows(bans, now),
        '',
      )}\n`,
    );
    return EXIT.OK;
  });
}

const REMOVE: RemoveKind = {
  idPattern: /^b\d+$/,
  list: (store) => store.bans,
  missing: (t, service) => `no active ban on ${JSON.stringify(t)}${service ? ` for service ${service}` : ''}`,
};

export const bansCommand: CliCommandModule = {
  register(program, io, state) {
    const bans = program.command('bans').description('add, list and remove bans (IPs, CIDRs, ASNs, countries)');
    const run = (p: Promise<number>) =>
      p.then((code) => {
        state.exitCode = code;
      });
    stateOptions(bans.command('add').argument('<values...>', 'IP, CIDR, AS123 or country code'))
      .description('ban values (without --ttl the escalation ladder sets the duration)')
      .option('--ttl <duration>', 'how long, e.g. 30m, 6h, 7d')
      .option('--permanent', 'no expiry')
      .option('--mode <mode>', 'ban | throttle | monitor (default ban)')
      .option('--reason <text>', 'why (recorded in the audit trail)')
      .option('--service <name>', 'only for this service (default: all services)')
      .option('--actor <name>', 'who (default: your login name)')
      .option('--json', 'print the result as JSON')
      .action((values: string[], o: BanAddOptions) => run(add(values, o, io)));
    stateOptions(bans.command('list'))
      .description('list active bans (all with --all)')
      .option('--service <name>', 'bans that apply to this service')
      .option('--all', 'include removed and expired bans')
      .option('--json', 'print JSON')
      .action((o) => run(list(o, io)));
    stateOptions(bans.command('remove').argument('<targets...>', 'ban id (b12) or value'))
      .description('end bans by id or value')
      .option('--service <name>', 'the service the ban was for (default: global bans)')
      .option('--reason <text>', 'why (recorded in the audit trail)')
      .option('--actor <name>', 'who (default: your login name)')
      .action((targets: string[], o) => run(removeEntries(targets, o, io, REMOVE)));
  },
};
