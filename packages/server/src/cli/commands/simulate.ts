/**
 * `rampart simulate --ban VALUE… FILE…` — what a candidate ban set would have done to the traffic in
 * these logs: requests and share blocked, addresses, top paths/hosts/countries, the part from unflagged
 * clients (flagged = entities of --findings), verified crawlers and the allowlist of the data directory,
 * and a verdict (docs/decisions.md). `--enrich` resolves ASN/country/crawlers offline so ASN and country
 * candidates can match plain access logs. `--fail-on review|unsafe` turns the verdict into exit 1.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import {
  type AllowEntry,
  BAN_MODES,
  type BanMode,
  candidateBans,
  configFromObject,
  createEnricher,
  type EnrichedEvent,
  type Finding,
  findingsFromJson,
  type LineParser,
  RampartError,
  type RequestEvent,
  type SimulationResult,
  simulate,
} from '@rampart/core';
import { formatChooser } from '../../analyze/choose-parser.js';
import { formatInt, renderTable } from '../../analyze/text-table.js';
import { isGzipFile } from '../../sources/file/file-source.js';
import { openSqliteStateStore, STATE_DB_FILE } from '../../store/sqlite/sqlite-state-store.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { cliNow, decideConfig, refuseRemote, resolveDataDir, type StateCliOptions, stateOptions } from '../data-dir.js';
import { EXIT } from '../exit-codes.js';

interface SimulateOptions extends StateCliOptions {
  ban: string[];
  mode?: string;
  service?: string;
  from?: string;
  to?: string;
  findings?: string;
  format?: string;
  allowlist?: boolean;
  enrich?: boolean;
  top?: string;
  json?: boolean;
  failOn?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

function time(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t))
    throw new RampartError('INVALID_ARGUMENT', `${name} is not an ISO 8601 time: ${JSON.stringify(text)}`);
  return t;
}

/**
 * Events of one file (gzip by magic bytes), parsed with the format chosen from its first lines, in
 * batches (one await per batch, not per line).
 */
async function* fileEvents(path: string, o: SimulateOptions, counts: { lines: number; bad: number }) {
  const raw = createReadStream(path);
  const stream = (await isGzipFile(path)) ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  const choose = formatChooser({ format: o.format ?? 'auto', parseOptions: {} });
  const pending: string[] = [];
  let parser: LineParser | undefined;
  let lineNo = 0;
  let batch: RequestEvent[] = [];
  const parse = (line: string) => {
    counts.lines++;
    lineNo++;
    const r = parser!.parse(line, path, lineNo);
    if (r.kind === 'event') batch.push(r.event);
    else if (r.kind === 'error') counts.bad++;
  };
  for await (const line of lines) {
    if (parser) parse(line);
    else {
      pending.push(line);
      if (pending.length >= 200) {
        parser = choose(pending.filter((l) => l.trim() !== '')).parser;
        for (const l of pending.splice(0)) parse(l);
      }
    }
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (!parser && pending.length > 0) {
    parser = choose(pending.filter((l) => l.trim() !== '')).parser;
    for (const l of pending) parse(l);
  }
  if (batch.length > 0) yield batch;
}

async function* allEvents(files: string[], o: SimulateOptions, io: CliIo, counts: { lines: number; bad: number }) {
  const enricher = o.enrich
    ? createEnricher(configFromObject({}).enrich, { dataDir: resolveDataDir(o, io) })
    : undefined;
  for (const f of files) {
    const path = resolve(io.cwd, f);
    if (!existsSync(path)) throw new RampartError('INPUT_UNREADABLE', `no such file: ${f}`);
    for await (const batch of fileEvents(path, o, counts)) {
      yield enricher ? batch.map((ev): EnrichedEvent => enricher.enrich(ev)) : batch;
    }
  }
}

function loadFindings(path: string | undefined, io: CliIo): Finding[] | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new RampartError('INPUT_UNREADABLE', `findings file ${path}: ${(err as Error).message}`);
  }
  const parsed = findingsFromJson(text);
  if ('error' in parsed) throw new RampartError('INPUT_UNREADABLE', `findings file ${path}: ${parsed.error}`);
  for (const r of parsed.rejected) io.stderr.write(`rampart: finding #${r.index} skipped: ${r.reason}\n`);
  return parsed.findings;
}

async function loadAllowlist(o: SimulateOptions, io: CliIo, now: number): Promise<AllowEntry[]> {
  if (o.allowlist === false) return [];
  const db = join(resolveDataDir(o, io), STATE_DB_FILE);
  if (!existsSync(db)) return [];
  const store = openSqliteStateStore(db, { escalation: { ladderSeconds: [3600], lookbackSeconds: 86_400 } });
  try {
    return await store.allow.list({ now, service: o.service });
  } finally {
    await store.close();
  }
}

function render(r: SimulationResult, values: readonly string[], io: CliIo, counts: { lines: number; bad: number }) {
  const w = io.stdout;
  const iso = (t: number | undefined) => (t === undefined ? '-' : new Date(t).toISOString().replace('.000Z', 'Z'));
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  w.write(`impact of banning ${values.join(', ')}\n`);
  w.write(
    `  logs:                 ${formatInt(counts.lines)} lines (${formatInt(counts.bad)} unreadable), ${iso(r.window.first)} to ${iso(r.window.last)}\n`,
  );
  w.write(
    `  traffic in range:     ${formatInt(r.total.requests)} requests from ${formatInt(r.total.addresses)} addresses\n`,
  );
  w.write(
    `  would block:          ${formatInt(r.blocked.requests)} requests (${pct(r.blocked.share)}) from ${formatInt(r.blocked.addresses)} addresses` +
      ` [ban ${formatInt(r.blocked.byMode.ban)}, throttle ${formatInt(r.blocked.byMode.throttle)}]\n`,
  );
  w.write(
    `  from unflagged:       ${formatInt(r.unflagged.requests)} requests (${pct(r.unflagged.share)} of all traffic) from ${formatInt(r.unflagged.addresses)} addresses` +
      `${r.flaggedKnown ? '' : ' (no --findings: every blocked request counts as unflagged)'}\n`,
  );
  w.write(
    `  verified crawlers:    ${formatInt(r.verifiedCrawlers.requests)} requests from ${formatInt(r.verifiedCrawlers.addresses)} addresses\n`,
  );
  w.write(
    `  spared by allowlist:  ${formatInt(r.allowlisted.requests)} requests from ${formatInt(r.allowlisted.addresses)} addresses\n`,
  );
  if (r.unenriched > 0)
    w.write(`  note: ${formatInt(r.unenriched)} requests had no ASN/country to match (use --enrich)\n`);
  for (const [name, items] of [
    ['PATH', r.top.paths],
    ['HOST', r.top.hosts],
    ['COUNTRY', r.top.countries],
  ] as const) {
    if (items.length === 0) continue;
    w.write(
      `\n${renderTable(
        [
          { header: name, max: 80 },
          { header: 'REQUESTS', align: 'right' },
        ],
        items.map((i) => [i.value, formatInt(i.requests)]),
      )}\n`,
    );
  }
  w.write(`\nverdict: ${r.verdict.text}\n`);
}

async function run(files: string[], o: SimulateOptions, io: CliIo): Promise<number> {
  refuseRemote(o);
  if (o.ban.length === 0) throw new RampartError('INVALID_ARGUMENT', 'give at least one --ban VALUE to simulate');
  if (o.mode !== undefined && !(BAN_MODES as readonly string[]).includes(o.mode)) {
    throw new RampartError('INVALID_ARGUMENT', `--mode must be one of ${BAN_MODES.join(', ')}`);
  }
  if (o.failOn !== undefined && o.failOn !== 'review' && o.failOn !== 'unsafe') {
    throw new RampartError('INVALID_ARGUMENT', '--fail-on must be review or unsafe');
  }
  const { entries, invalid } = candidateBans(o.ban, {
    mode: (o.mode as BanMode | undefined) ?? 'ban',
    service: o.service,
  });
  if (invalid.length > 0) throw new RampartError('INVALID_ADDRESS', invalid.map((i) => i.reason).join('; '));
  const config = decideConfig(o, io);
  const now = cliNow(io);
  const counts = { lines: 0, bad: 0 };
  const result = await simulate(allEvents(files, o, io, counts), {
    bans: entries,
    allows: await loadAllowlist(o, io, now),
    findings: loadFindings(o.findings, io),
    from: time(o.from, '--from'),
    to: time(o.to, '--to'),
    ...(o.service ? { service: o.service } : {}),
    top: o.top === undefined ? 10 : Math.max(1, Math.min(100, Number(o.top) || 10)),
    thresholds: config.simulate,
  });
  if (counts.lines === 0) {
    io.stderr.write('rampart: nothing could be read from the given files\n');
    return EXIT.NO_INPUT;
  }
  if (o.json)
    io.stdout.write(`${JSON.stringify({ bans: entries.map((e) => e.value), lines: counts, ...result }, null, 2)}\n`);
  else
    render(
      result,
      entries.map((e) => e.value),
      io,
      counts,
    );
  const failing =
    o.failOn === 'review'
      ? result.verdict.level !== 'safe'
      : o.failOn === 'unsafe' && result.verdict.level === 'unsafe';
  return failing ? EXIT.LIMIT_EXCEEDED : EXIT.OK;
}

export const simulateCommand: CliCommandModule = {
  register(program, io, state) {
    stateOptions(program.command('simulate').argument('<files...>', 'access logs (plain or gzip)'))
      .description('measure what a candidate ban set would have blocked in these logs, with a verdict')
      .option('--ban <value>', 'candidate: IP, CIDR, AS123 or country (repeatable)', collect, [])
      .option('--mode <mode>', 'ban | throttle | monitor (default ban)')
      .option('--service <name>', 'service the candidates are for')
      .option('--from <time>', 'ISO 8601 start (inclusive)')
      .option('--to <time>', 'ISO 8601 end (exclusive)')
      .option('--findings <file>', 'findings JSON (analyze --json): their entities count as flagged')
      .option('-f, --format <id>', "log format id or 'auto' (default auto)")
      .option('--no-allowlist', "ignore the data directory's allowlist")
      .option('--enrich', 'resolve ASN, country and crawlers offline (needed for ASN/country candidates)')
      .option('--top <n>', 'rows per top table (default 10)')
      .option('--fail-on <level>', 'exit 1 when the verdict is review (or worse) / unsafe')
      .option('--json', 'print one JSON object')
      .action(async (files: string[], o: SimulateOptions) => {
        state.exitCode = await run(files, o, io);
      });
  },
};
