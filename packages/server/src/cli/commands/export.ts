/**
 * `rampart export --format X` — renders the active ban list (from the state store in the data directory,
 * or a JSON file given with --from) in one of the export formats, to --out or stdout. Refused values go to
 * stderr with their reasons; they never make the command fail (exit 0), a missing ban list does (exit 3).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AllowEntry, BanEntry } from '@rampart/core';
import { createPrefixResolver, loadIpIndex, RampartError } from '@rampart/core';
import { parseBanListJson } from '../../export/ban-list-file.js';
import type { ExportContext, PrefixResolver, RefusedValue } from '../../export/contract.js';
import { EXPORTERS, findExporter } from '../../export/registry.js';
import { openSqliteStateStore, STATE_DB_FILE } from '../../store/sqlite/sqlite-state-store.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface ExportOptions {
  format: string;
  service?: string;
  out?: string;
  data?: string;
  from?: string;
  mode?: string;
  allowBroad?: boolean;
  setPrefix?: string;
  rate?: string;
  burst?: string;
}

const show = (s: string) => JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}…` : s);

async function readBans(o: ExportOptions, io: CliIo, now: number) {
  if (o.from !== undefined) {
    const path = resolve(io.cwd, o.from);
    if (!existsSync(path)) throw new RampartError('INPUT_UNREADABLE', `no such file: ${o.from}`);
    const { entries, refused } = parseBanListJson(readFileSync(path, 'utf8'));
    return { entries, allow: [] as AllowEntry[], refused, source: o.from };
  }
  const dataDir = resolve(io.cwd, o.data ?? io.env.RAMPART_DATA ?? 'rampart-data');
  const dbPath = join(dataDir, STATE_DB_FILE);
  if (!existsSync(dbPath)) {
    throw new RampartError('INPUT_UNREADABLE', `no ban list: ${dbPath} does not exist (add bans, or pass --from FILE)`);
  }
  // Reading only: the escalation ladder is irrelevant here but the store needs one.
  const store = openSqliteStateStore(dbPath, { escalation: { ladderSeconds: [3600], lookbackSeconds: 86_400 } });
  try {
    const entries: BanEntry[] = await store.bans.list({ now, service: o.service });
    const allow: AllowEntry[] = await store.allow.list({ now, service: o.service });
    return { entries, allow, refused: [] as RefusedValue[], source: dbPath };
  } finally {
    await store.close();
  }
}

/**
 * The IP index is loaded on the first ASN/country expansion only (most exports never need it). Without
 * the data packages every expansion yields no prefixes, and stderr says why.
 */
function lazyResolver(io: CliIo): PrefixResolver {
  let resolver: PrefixResolver | null | undefined;
  const get = () => {
    if (resolver === undefined) {
      try {
        resolver = createPrefixResolver(loadIpIndex().index);
      } catch (err) {
        resolver = null;
        io.stderr.write(`rampart export: note: no IP data to expand ASN/country bans: ${(err as Error).message}\n`);
      }
    }
    return resolver;
  };
  return {
    prefixesOfAsn: (asn) => get()?.prefixesOfAsn(asn) ?? [],
    prefixesOfCountry: (cc) => get()?.prefixesOfCountry(cc) ?? [],
  };
}

function positive(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new RampartError('INVALID_ARGUMENT', `${name} must be a positive integer`);
  return n;
}

async function run(o: ExportOptions, io: CliIo): Promise<number> {
  const exporter = findExporter(o.format);
  if (o.mode !== undefined && o.mode !== 'ban' && o.mode !== 'throttle' && o.mode !== 'allow') {
    throw new RampartError('INVALID_ARGUMENT', `--mode must be ban, throttle or allow, not ${show(o.mode)}`);
  }
  if (o.setPrefix !== undefined && !/^[a-z0-9_-]{1,16}$/.test(o.setPrefix)) {
    throw new RampartError('INVALID_ARGUMENT', '--set-prefix takes 1-16 characters of a-z, 0-9, _ and -');
  }
  const now = Date.now();
  const { entries, allow, refused: readRefused, source } = await readBans(o, io, now);
  const rate = positive(o.rate, '--rate');
  const burst = positive(o.burst, '--burst');
  const ctx: ExportContext = {
    now,
    service: o.service,
    allow,
    resolver: lazyResolver(io),
    allowBroad: o.allowBroad === true,
    mode: o.mode as 'ban' | 'throttle' | 'allow' | undefined,
    setPrefix: o.setPrefix,
    throttle: rate || burst ? { perSecond: rate ?? 10, burst: burst ?? (rate ?? 10) * 2 } : undefined,
  };
  const result = exporter.render(entries, ctx);
  if (o.out !== undefined) {
    const path = resolve(io.cwd, o.out);
    const tmp = `${path}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, result.text);
      renameSync(tmp, path);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw new RampartError('INVALID_ARGUMENT', `cannot write ${o.out}: ${(err as Error).message}`);
    }
  } else {
    io.stdout.write(result.text);
  }
  for (const r of [...readRefused, ...result.refused])
    io.stderr.write(`rampart export: refused ${show(r.value)}: ${r.reason}\n`);
  for (const n of result.notes) io.stderr.write(`rampart export: note: ${n}\n`);
  const c = result.counts;
  const expanded = c.expanded.map((e) => `${e.value} → ${e.prefixes} prefixes`).join(', ');
  io.stderr.write(
    `rampart export: ${exporter.id} from ${source}: ${c.written} written, ${c.entries} entries, ${c.expired} expired, ` +
      `${c.refused + readRefused.length} refused, ${c.notEnforced} not enforced${expanded ? `; expanded ${expanded}` : ''}` +
      `${o.out !== undefined ? `; wrote ${o.out}` : ''}\n`,
  );
  return EXIT.OK;
}

export const exportCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('export')
      .description('Write the active ban list as firewall/WAF rules or a data file')
      .requiredOption('-f, --format <id>', `one of: ${EXPORTERS.map((e) => e.id).join(', ')}`)
      .option('--service <name>', 'only entries of this service and global ones')
      .option('-o, --out <file>', 'write here (atomically) instead of stdout')
      .option('--data <dir>', 'data directory with the state store (default $RAMPART_DATA or ./rampart-data)')
      .option('--from <file>', 'read the ban list from a JSON file (a json export or an array of entries)')
      .option('--mode <mode>', 'single-list formats: ban (default), throttle, or allow (exceptions inside blocks)')
      .option('--allow-broad', 'export networks broader than /8 (IPv4) or /16 (IPv6); /0 and loopback never')
      .option('--set-prefix <name>', 'name prefix for ipset/nftables sets (default rampart)')
      .option('--rate <n>', 'throttle rate per second for formats with a rate limit (default 10)')
      .option('--burst <n>', 'throttle burst (default twice the rate)')
      .action(async (o: ExportOptions) => {
        state.exitCode = await run(o, io);
      });
  },
};
