/**
 * `rampart lookup IP…` — who is behind each address: ASN, organisation, routed prefix, country, network
 * type, crawler verdict (with `--ua`), abuse contact (RDAP; `--no-rdap` skips it, offline it says
 * "unknown"), and where each answer came from. Addresses come from the arguments or, when there are
 * none, from standard input one per line. A bad address gets a message of its own; the exit code is 2
 * only when no address was valid.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type AbuseContact,
  type CrawlerVerdict,
  CrawlerVerifier,
  classifyUserAgent,
  type IpInfo,
  parseIp,
  RdapClient,
} from '@rampart/core';
import { createCliEnricher } from '../../data/enrich-setup.js';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { renderLookupText } from './lookup-render.js';

interface LookupOptions {
  ua?: string;
  rdap: boolean;
  json?: boolean;
  data?: string;
  config?: string;
  timeout: number;
  rdapBootstrap?: string;
}

export interface LookupResult {
  readonly input: string;
  readonly error?: string;
  readonly net?: IpInfo;
  readonly crawler?: CrawlerVerdict | undefined;
  readonly abuse?: AbuseContact | undefined;
}

const MAX_INPUT = 100_000;

export const lookupCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('lookup')
      .description('Say who is behind IP addresses: ASN, organisation, prefix, country, network type, abuse contact')
      .argument('[addresses...]', 'IPv4 or IPv6 addresses (default: read from standard input, one a line)')
      .option('--ua <user-agent>', 'also verify the crawler this user agent claims to be')
      .option('--no-rdap', 'skip the abuse-contact lookup (RDAP)')
      .option('--rdap-bootstrap <url>', 'where to read the RDAP bootstrap files (default: IANA; for mirrors)')
      .option('--timeout <ms>', 'deadline for network checks per address (RDAP, reverse DNS)', positiveInt, 8000)
      .option('--json', 'print one JSON object')
      .option('--data <dir>', 'data directory (default: $RAMPART_DATA or ./rampart-data)')
      .option('-c, --config <file>', 'YAML config (its enrich section applies; default: $RAMPART_CONFIG)')
      .action(async (addresses: string[], options: LookupOptions) => {
        state.exitCode = await lookup(addresses, options, io);
      });
  },
};

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive integer: ${v}`);
  return n;
}

async function readStdinLines(io: CliIo): Promise<string[]> {
  const out: string[] = [];
  const rl = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) out.push(t);
    if (out.length >= MAX_INPUT) break;
  }
  return out;
}

async function lookup(args: string[], o: LookupOptions, io: CliIo): Promise<number> {
  const inputs = args.length > 0 ? args : io.stdin.isTTY ? [] : await readStdinLines(io);
  if (inputs.length === 0) {
    io.stderr.write('rampart lookup: give one or more addresses, or pipe them in one per line\n');
    return EXIT.USAGE;
  }
  const verifier = o.ua !== undefined ? new CrawlerVerifier({ rdnsTimeoutMs: Math.min(o.timeout, 3000) }) : undefined;
  const { enricher, dataDir } = createCliEnricher(o, io, { crawlerVerifier: false });
  const rdap = o.rdap
    ? new RdapClient({
        cachePath: join(dataDir, 'rdap-cache.json'),
        ...(o.rdapBootstrap ? { bootstrapBaseUrl: o.rdapBootstrap } : {}),
        requestTimeoutMs: Math.min(o.timeout, 5000),
        lookupTimeoutMs: o.timeout,
      })
    : undefined;
  const uaInfo = o.ua !== undefined ? classifyUserAgent(o.ua) : undefined;

  const results: LookupResult[] = await Promise.all(
    inputs.map(async (input): Promise<LookupResult> => {
      const ip = parseIp(input);
      if (!ip) return { input, error: 'not an IP address' };
      const net = enricher.resolver.resolveParsed(ip);
      const crawler = verifier && uaInfo ? await verifier.verifyNow(net.ip, uaInfo, net) : undefined;
      const abuse = rdap && net.scope === 'public' ? await rdap.lookupAbuseContact(net.ip) : undefined;
      return { input, net, crawler, abuse };
    }),
  );
  await rdap?.flush();

  const valid = results.filter((r) => r.net).length;
  if (o.json) {
    const body = results.map((r) =>
      r.net ? { input: r.input, ...r.net, crawler: r.crawler ?? null, abuse: r.abuse ?? null } : r,
    );
    io.stdout.write(`${JSON.stringify({ results: body, userAgent: uaInfo ?? null }, null, 2)}\n`);
  } else {
    io.stdout.write(renderLookupText(results, { ua: uaInfo, rdap: o.rdap }));
  }
  for (const r of results) if (r.error) io.stderr.write(`rampart lookup: '${clip(r.input)}': ${r.error}\n`);
  return valid > 0 ? EXIT.OK : EXIT.USAGE;
}

/** Input is attacker-controlled when piped from logs: keep messages short and printable. */
function clip(s: string): string {
  const printable = s.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
