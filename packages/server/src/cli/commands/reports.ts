/**
 * `rampart reports create|list|show|approve|dismiss` — reports in the local data directory. `create`
 * turns findings (`analyze --json` output) into one pending report per service, with abuse-report drafts;
 * `approve` turns the chosen items' recommendations into bans (origin 'report'); `dismiss` closes items
 * without action. Both work on a whole report or on items (--item, repeatable). Everything is audited.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildReport, findingsFromJson, formatDuration, RampartError, type Report } from '@rampart/core';
import { renderTable } from '../../analyze/text-table.js';
import { approveReport } from '../../store/report-approval.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { cliActor, type StateCliOptions, stateOptions, withLocalState } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';
import { formatExpiry } from './bans.js';

const collect = (v: string, prev: string[]) => [...prev, v];

async function create(
  o: StateCliOptions & { findings: string; service?: string; reporter?: string; actor?: string },
  io: CliIo,
) {
  const actor = cliActor(o, io);
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, o.findings), 'utf8');
  } catch (err) {
    throw new RampartError('INPUT_UNREADABLE', `findings file ${o.findings}: ${(err as Error).message}`);
  }
  const parsed = findingsFromJson(text);
  if ('error' in parsed) throw new RampartError('INPUT_UNREADABLE', `findings file ${o.findings}: ${parsed.error}`);
  for (const r of parsed.rejected) io.stderr.write(`rampart: finding #${r.index} skipped: ${r.reason}\n`);
  const services = o.service ? [o.service] : [...new Set(parsed.findings.map((f) => f.service))];
  return withLocalState(o, io, async ({ store, now }) => {
    for (const service of services) {
      const own = parsed.findings.filter((f) => f.service === service);
      if (own.length === 0) continue;
      const from = own.map((f) => f.first_seen).sort()[0]!;
      const to = own
        .map((f) => f.last_seen)
        .sort()
        .at(-1)!;
      const input = buildReport(own, { service, from, to, now, reporter: o.reporter ?? 'abuse@localhost' });
      const report = await store.reports.create(input, { actor, now });
      io.stdout.write(`created ${report.id}: ${report.summary}\n`);
    }
    if (services.length === 0 || parsed.findings.length === 0) io.stdout.write('no findings: no report created\n');
    return EXIT.OK;
  });
}

async function list(o: StateCliOptions & { service?: string; status?: string; json?: boolean }, io: CliIo) {
  return withLocalState(o, io, async ({ store }) => {
    const reports = await store.reports.list({
      ...(o.service ? { service: o.service } : {}),
      ...(o.status ? { status: o.status as Report['status'] } : {}),
    });
    if (o.json) {
      const brief = reports.map(({ findings: _f, abuseDrafts, ...r }) => ({ ...r, abuseDrafts: abuseDrafts.length }));
      io.stdout.write(`${JSON.stringify({ reports: brief }, null, 2)}\n`);
      return EXIT.OK;
    }
    if (reports.length === 0) {
      io.stdout.write('no reports\n');
      return EXIT.OK;
    }
    const rows = reports.map((r) => [
      r.id,
      r.service,
      r.status,
      new Date(r.createdAt).toISOString().replace('.000Z', 'Z'),
      String(r.items.length),
      String(r.items.filter((i) => i.decision === 'pending').length),
      String(r.abuseDrafts.length),
    ]);
    const cols = ['ID', 'SERVICE', 'STATUS', 'CREATED', 'ITEMS', 'PENDING', 'DRAFTS'];
    io.stdout.write(
      `${renderTable(
        cols.map((header) => ({ header })),
        rows,
        '',
      )}\n`,
    );
    return EXIT.OK;
  });
}

async function show(id: string, o: StateCliOptions & { json?: boolean; drafts?: boolean; xarf?: boolean }, io: CliIo) {
  return withLocalState(o, io, async ({ store }) => {
    const r = await store.reports.get(id);
    if (!r) throw new RampartError('NOT_FOUND', `no report ${JSON.stringify(id)}`);
    if (o.json) {
      io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return EXIT.OK;
    }
    io.stdout.write(`${r.id} (${r.status}) ${r.summary}\n\n`);
    const rows = r.items.map((i) => [
      i.id,
      i.decision,
      i.recommendation.action,
      `${i.recommendation.scope} ${i.recommendation.target}`,
      i.recommendation.ttlSeconds === undefined ? '-' : formatDuration(i.recommendation.ttlSeconds),
      i.recommendation.reason,
    ]);
    const cols = ['ITEM', 'DECISION', 'ACTION', 'TARGET', 'TTL', 'REASON'];
    io.stdout.write(
      `${renderTable(
        cols.map((header) => ({ header, max: header === 'REASON' ? 110 : 60 })),
        rows,
        '',
      )}\n`,
    );
    for (const d of r.abuseDrafts) {
      io.stdout.write(`\nabuse-report draft for ${d.network}: ${d.subject}\n`);
      if (o.drafts) io.stdout.write(`\n${d.text}\n`);
      if (o.xarf) for (const x of d.xarf) io.stdout.write(`\n${x.message.replaceAll('\r\n', '\n')}\n`);
    }
    return EXIT.OK;
  });
}

type DecideOptions = StateCliOptions & { item: string[]; note?: string; actor?: string; json?: boolean };

async function approve(id: string, o: DecideOptions, io: CliIo) {
  const actor = cliActor(o, io);
  return withLocalState(o, io, async ({ store, options, now }) => {
    const res = await approveReport(
      store,
      options,
      id,
      { ...(o.item.length > 0 ? { itemIds: o.item } : {}), ...(o.note ? { note: o.note } : {}) },
      { actor, now },
    );
    if (o.json) {
      io.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      return EXIT.OK;
    }
    for (const b of res.bans) {
      const e = b.entry;
      io.stdout.write(`${e.mode} ${e.kind} ${e.value} as ${e.id}, expires ${formatExpiry(e.expiresAt, now)}\n`);
      for (const c of b.conflicts)
        io.stderr.write(`warning: ${e.value} overlaps allow entry ${c.id} ${c.value}: it wins\n`);
    }
    for (const s of res.skipped) io.stdout.write(`no ban for ${s.itemId}: ${s.why}\n`);
    io.stdout.write(`${id} is now ${res.report.status}\n`);
    return EXIT.OK;
  });
}

async function dismiss(id: string, o: DecideOptions, io: CliIo) {
  const actor = cliActor(o, io);
  return withLocalState(o, io, async ({ store, now }) => {
    const r = await store.reports.decide(
      id,
      { decision: 'dismissed', ...(o.item.length > 0 ? { itemIds: o.item } : {}), ...(o.note ? { note: o.note } : {}) },
      { actor, now },
    );
    io.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `${id} is now ${r.status}\n`);
    return EXIT.OK;
  });
}

export const reportsCommand: CliCommandModule = {
  register(program, io, state) {
    const reports = program
      .command('reports')
      .description('review reports: approve (bans) or dismiss, in part or whole');
    const run = (p: Promise<number>) =>
      p.then((code) => {
        state.exitCode = code;
      });
    stateOptions(reports.command('create'))
      .description('make pending reports (one per service) from findings JSON (analyze --json output)')
      .requiredOption('--findings <file>', 'findings JSON')
      .option('--service <name>', 'only this service')
      .option('--reporter <email>', 'sender address for abuse-report drafts')
      .option('--actor <name>', 'who (default: your login name)')
      .action((o) => run(create(o, io)));
    stateOptions(reports.command('list'))
      .description('list reports, newest first')
      .option('--service <name>', 'only this service')
      .option('--status <status>', 'pending | partial | approved | dismissed | mixed')
      .option('--json', 'print JSON')
      .action((o) => run(list(o, io)));
    stateOptions(reports.command('show').argument('<id>', 'report id, e.g. r1'))
      .description('show items, recommendations and abuse-report drafts')
      .option('--drafts', 'print the abuse-report drafts as plain text')
      .option('--xarf', 'print the X-ARF messages')
      .option('--json', 'print JSON')
      .action((id: string, o) => run(show(id, o, io)));
    for (const [name, fn, what] of [
      ['approve', approve, 'turn the items into bans'],
      ['dismiss', dismiss, 'close the items without action'],
    ] as const) {
      stateOptions(reports.command(name).argument('<id>', 'report id, e.g. r1'))
        .description(`${what} (all pending items, or those given with --item)`)
        .option('--item <id>', 'item id (repeatable): a finding id or widen:…', collect, [])
        .option('--note <text>', 'why (recorded in the audit trail)')
        .option('--actor <name>', 'who (default: your login name)')
        .option('--json', 'print JSON')
        .action((id: string, o: DecideOptions) => run(fn(id, o, io)));
    }
  },
};
