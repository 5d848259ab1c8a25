/**
 * `rampart audit verify|list|export` — the hash-chained audit trail of the local data directory.
 * `verify` walks the chain and names the first broken record (exit 1); `export` writes NDJSON or CSV
 * (cells starting with = + - @ or a tab/CR are prefixed with ' so spreadsheets do not run them).
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { AUDIT_ACTIONS, type AuditAction, type AuditRecord, canonicalJson, RampartError } from '@rampart/core';
import { renderTable } from '../../analyze/text-table.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { type StateCliOptions, stateOptions, withLocalState } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';

const CSV_COLUMNS = [
  'seq',
  'time',
  'actor',
  'action',
  'entity_kind',
  'entity_id',
  'reason',
  'before',
  'after',
  'prev_hash',
  'hash',
];

/** One CSV cell: formula-neutralised, quoted when needed (RFC 4180). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvRow(r: AuditRecord): string {
  const cells = [
    String(r.seq),
    new Date(r.ts).toISOString(),
    r.actor,
    r.action,
    r.entityKind,
    r.entityId,
    r.reason,
    canonicalJson(r.before),
    canonicalJson(r.after),
    r.prevHash,
    r.hash,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function ndjsonRow(r: AuditRecord): string {
  return `${JSON.stringify({ ...r, time: new Date(r.ts).toISOString() })}\n`;
}

async function verify(o: StateCliOptions & { json?: boolean }, io: CliIo): Promise<number> {
  return withLocalState(o, io, async ({ store }) => {
    const v = await store.audit.verify();
    if (o.json) io.stdout.write(`${JSON.stringify(v)}\n`);
    else if (v.ok) io.stdout.write(`audit trail intact: ${v.checked} records, head hash ${v.headHash}\n`);
    else {
      io.stdout.write(`audit trail BROKEN at record ${v.broken?.seq}: ${v.broken?.problem}\n`);
      io.stdout.write(`  ${v.checked} records before it verify; last good hash ${v.headHash}\n`);
    }
    return v.ok ? EXIT.OK : EXIT.LIMIT_EXCEEDED;
  });
}

async function list(
  o: StateCliOptions & { limit?: string; after?: string; entity?: string; action?: string; json?: boolean },
  io: CliIo,
) {
  if (o.action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(o.action)) {
    throw new RampartError('INVALID_ARGUMENT', `--action must be one of ${AUDIT_ACTIONS.join(', ')}`);
  }
  const limit = o.limit === undefined ? 50 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new RampartError('INVALID_ARGUMENT', '--limit must be a positive integer');
  return withLocalState(o, io, async ({ store }) => {
    const records = await store.audit.list({
      afterSeq: o.after === undefined ? 0 : Number(o.after) || 0,
      limit,
      ...(o.entity ? { entityId: o.entity } : {}),
      ...(o.action ? { action: o.action as AuditAction } : {}),
    });
    if (o.json) {
      io.stdout.write(`${JSON.stringify({ records }, null, 2)}\n`);
      return EXIT.OK;
    }
    const rows = records.map((r) => [
      String(r.seq),
      new Date(r.ts).toISOString().replace('.000Z', 'Z'),
      r.actor,
      r.action,
      r.entityId,
      r.reason,
    ]);
    const cols = ['SEQ', 'TIME', 'ACTOR', 'ACTION', 'ENTITY', 'REASON'];
    io.stdout.write(
      records.length === 0
        ? 'no audit records\n'
        : `${renderTable(
            cols.map((header) => ({ header, max: 70 })),
            rows,
            '',
          )}\n`,
    );
    return EXIT.OK;
  });
}

async function exportTrail(o: StateCliOptions & { format?: string; out?: string }, io: CliIo) {
  const format = o.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv')
    throw new RampartError('INVALID_ARGUMENT', '--format must be ndjson or csv');
  return withLocalState(o, io, async ({ store }) => {
    const file = o.out === undefined ? undefined : createWriteStream(resolve(io.cwd, o.out));
    const out: NodeJS.WritableStream = file ?? io.stdout;
    const write = (s: string) => new Promise<void>((ok) => (out.write(s) ? ok() : out.once('drain', () => ok())));
    if (format === 'csv') await write(`${CSV_COLUMNS.join(',')}\r\n`);
    for await (const r of store.audit.all()) await write(format === 'csv' ? csvRow(r) : ndjsonRow(r));
    if (file) await new Promise<void>((ok, fail) => file.end((err?: Error | null) => (err ? fail(err) : ok())));
    return EXIT.OK;
  });
}

export const auditCommand: CliCommandModule = {
  register(program, io, state) {
    const audit = program.command('audit').description('verify, list and export the tamper-evident audit trail');
    const run = (p: Promise<number>) =>
      p.then((code) => {
        state.exitCode = code;
      });
    stateOptions(audit.command('verify'))
      .description('walk the hash chain; exit 1 and name the first broken record if it was tampered with')
      .option('--json', 'print JSON')
      .action((o) => run(verify(o, io)));
    stateOptions(audit.command('list'))
      .description('show audit records, oldest first')
      .option('--limit <n>', 'at most n records (default 50)')
      .option('--after <seq>', 'records after this sequence number')
      .option('--entity <id>', 'records about one ban, allow entry or report (b3, a1, r2)')
      .option('--action <action>', `one of ${AUDIT_ACTIONS.join(', ')}`)
      .option('--json', 'print JSON')
      .action((o) => run(list(o, io)));
    stateOptions(audit.command('export'))
      .description('write the whole trail as NDJSON or CSV')
      .option('--format <format>', 'ndjson | csv (default ndjson)')
      .option('--out <file>', 'write to a file instead of stdout')
      .action((o) => run(exportTrail(o, io)));
  },
};
