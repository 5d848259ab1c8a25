/**
 * Compiles the ip-location-db CSVs (RouteViews + DB-IP + NRO ASN data, NRO-based country data) into an
 * `IpIndex`. Malformed rows are skipped and counted, never thrown. Takes a few seconds; the result is
 * cached on disk by `ip-index-file.ts`, so this runs once per data version.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseIpv6 } from '../../net/ip-address.js';
import { csvFields, forEachLine } from './csv-fields.js';
import { IpIndex, type IpIndexTables } from './ip-index.js';
import { packCountry, type RangeTable4, type RangeTable6 } from './range-table.js';

export interface IpDataPackages {
  /** Folder of @ip-location-db/asn and its version. */
  readonly asnDir: string;
  readonly asnVersion: string;
  /** Folder of @ip-location-db/geo-whois-asn-country and its version. */
  readonly countryDir: string;
  readonly countryVersion: string;
}

/** Locates the installed data packages (pinned in packages/core/package.json). */
export function locateIpDataPackages(): IpDataPackages {
  const require = createRequire(import.meta.url);
  const asnPkg = require.resolve('@ip-location-db/asn/package.json');
  const countryPkg = require.resolve('@ip-location-db/geo-whois-asn-country/package.json');
  const version = (p: string) => String((JSON.parse(readFileSync(p, 'utf8')) as { version?: unknown }).version);
  return {
    asnDir: dirname(asnPkg),
    asnVersion: version(asnPkg),
    countryDir: dirname(countryPkg),
    countryVersion: version(countryPkg),
  };
}

export interface BuildStats {
  rows: number;
  skipped: number;
}

interface Row4 {
  start: number;
  end: number;
  value: number;
}
interface Row6 {
  start: bigint;
  end: bigint;
  value: number;
}

const U32 = 0xffffffff;

function table4(rows: Row4[]): RangeTable4 {
  rows.sort((a, b) => a.start - b.start);
  return {
    start: Uint32Array.from(rows, (r) => r.start),
    end: Uint32Array.from(rows, (r) => r.end),
    value: Uint32Array.from(rows, (r) => r.value),
  };
}

function table6(rows: Row6[]): RangeTable6 {
  // Keep the top 64 bits of each bound (see range-table.ts).
  const keyed = rows.map((r) => ({ s: r.start >> 64n, e: r.end >> 64n, value: r.value }));
  keyed.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  return {
    startHi: Uint32Array.from(keyed, (r) => Number(r.s >> 32n)),
    startLo: Uint32Array.from(keyed, (r) => Number(r.s & 0xffffffffn)),
    endHi: Uint32Array.from(keyed, (r) => Number(r.e >> 32n)),
    endLo: Uint32Array.from(keyed, (r) => Number(r.e & 0xffffffffn)),
    value: Uint32Array.from(keyed, (r) => r.value),
  };
}

function num(text: string | undefined): number {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return -1;
  const n = Number(text);
  return n <= U32 ? n : -1;
}

export function buildIpIndex(
  pkgs: IpDataPackages = locateIpDataPackages(),
  stats: BuildStats = { rows: 0, skipped: 0 },
) {
  const orgs = new Map<number, string>();
  const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

  const asn4: Row4[] = [];
  forEachLine(read(pkgs.asnDir, 'asn-ipv4-num.csv'), (line) => {
    const f = csvFields(line);
    const start = num(f[0]);
    const end = num(f[1]);
    const asn = num(f[2]);
    if (start < 0 || end < start || asn <= 0) return void stats.skipped++;
    stats.rows++;
    asn4.push({ start, end, value: asn });
    if (f[3] && !orgs.has(asn)) orgs.set(asn, f[3]);
  });

  const asn6: Row6[] = [];
  forEachLine(read(pkgs.asnDir, 'asn-ipv6.csv'), (line) => {
    const f = csvFields(line);
    const start = parseIpv6(f[0] ?? '');
    const end = parseIpv6(f[1] ?? '');
    const asn = num(f[2]);
    if (start === undefined || end === undefined || end < start || asn <= 0) return void stats.skipped++;
    stats.rows++;
    asn6.push({ start, end, value: asn });
    if (f[3] && !orgs.has(asn)) orgs.set(asn, f[3]);
  });

  const country4: Row4[] = [];
  forEachLine(read(pkgs.countryDir, 'geo-whois-asn-country-ipv4-num.csv'), (line) => {
    const f = csvFields(line);
    const start = num(f[0]);
    const end = num(f[1]);
    const cc = packCountry(f[2] ?? '');
    if (start < 0 || end < start || cc === 0) return void stats.skipped++;
    stats.rows++;
    country4.push({ start, end, value: cc });
  });

  const country6: Row6[] = [];
  forEachLine(read(pkgs.countryDir, 'geo-whois-asn-country-ipv6.csv'), (line) => {
    const f = csvFields(line);
    const start = parseIpv6(f[0] ?? '');
    const end = parseIpv6(f[1] ?? '');
    const cc = packCountry(f[2] ?? '');
    if (start === undefined || end === undefined || end < start || cc === 0) return void stats.skipped++;
    stats.rows++;
    country6.push({ start, end, value: cc });
  });

  const orgAsns = Uint32Array.from(orgs.keys()).sort();
  const tables: IpIndexTables = {
    asn4: table4(asn4),
    asn6: table6(asn6),
    country4: table4(country4),
    country6: table6(country6),
    orgAsns,
    orgNames: Array.from(orgAsns, (a) => orgs.get(a) ?? ''),
  };
  return new IpIndex(tables, {
    asnSource: `@ip-location-db/asn@${pkgs.asnVersion}`,
    countrySource: `@ip-location-db/geo-whois-asn-country@${pkgs.countryVersion}`,
    builtAt: new Date().toISOString(),
  });
}
