/**
 * On-disk form of the compiled `IpIndex`: a small JSON header (metadata, array lengths, organisation
 * names) followed by the raw typed arrays, which load as views over one buffer without parsing. The file
 * is platform-endian (it is a local cache, rebuilt when the endianness or data version differs) and is
 * written to a temporary name and renamed, so a crash never leaves a half-written cache that loads.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RampartError } from '../../errors.js';
import { IpIndex, type IpIndexMeta, type IpIndexTables } from './ip-index.js';
import { buildIpIndex, type IpDataPackages, locateIpDataPackages } from './ip-index-build.js';

const MAGIC = 'RPX1';
const FORMAT = 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface Header {
  readonly format: number;
  readonly littleEndian: boolean;
  readonly meta: IpIndexMeta;
  readonly lengths: readonly number[];
  readonly orgNames: readonly string[];
}

function arraysOf(t: IpIndexTables): Uint32Array[] {
  const { asn4, asn6, country4, country6 } = t;
  return [
    ...[asn4, country4].flatMap((x) => [x.start, x.end, x.value]),
    ...[asn6, country6].flatMap((x) => [x.startHi, x.startLo, x.endHi, x.endLo, x.value]),
    t.orgAsns,
  ];
}

export function writeIpIndexFile(index: IpIndex, path: string): void {
  const arrays = arraysOf(index.tables);
  const header: Header = {
    format: FORMAT,
    littleEndian: LITTLE_ENDIAN,
    meta: index.meta,
    lengths: arrays.map((a) => a.length),
    orgNames: index.tables.orgNames,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = 8 + json.length + ((4 - ((8 + json.length) % 4)) % 4);
  const pre = Buffer.alloc(headerBytes);
  pre.write(MAGIC, 0, 'latin1');
  pre.writeUInt32LE(json.length, 4);
  json.copy(pre, 8);
  const parts: Uint8Array[] = [pre, ...arrays.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))];
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, path);
}

/** Reads an index file; undefined when it is missing, truncated, of another format or endianness. */
export function readIpIndexFile(path: string): IpIndex | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const jsonLen = buf.readUInt32LE(4);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 8, 8 + jsonLen)) as Header;
  } catch {
    return undefined;
  }
  if (header.format !== FORMAT || header.littleEndian !== LITTLE_ENDIAN || header.lengths.length !== 17) {
    return undefined;
  }
  // Typed-array views need 4-byte alignment of the underlying buffer.
  const bytes = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
  let offset = 8 + jsonLen + ((4 - ((8 + jsonLen) % 4)) % 4);
  const total = header.lengths.reduce((s, n) => s + n * 4, offset);
  if (total !== bytes.length) return undefined;
  const a = header.lengths.map((n) => {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + offset, n);
    offset += n * 4;
    return view;
  }) as Uint32Array[] & { length: 17 };
  const [s4, e4, v4, cs4, ce4, cv4, sh6, sl6, eh6, el6, v6, csh6, csl6, ceh6, cel6, cv6, orgAsns] = a;
  const tables: IpIndexTables = {
    asn4: { start: s4!, end: e4!, value: v4! },
    country4: { start: cs4!, end: ce4!, value: cv4! },
    asn6: { startHi: sh6!, startLo: sl6!, endHi: eh6!, endLo: el6!, value: v6! },
    country6: { startHi: csh6!, startLo: csl6!, endHi: ceh6!, endLo: cel6!, value: cv6! },
    orgAsns: orgAsns!,
    orgNames: header.orgNames,
  };
  return new IpIndex(tables, header.meta);
}

/** Default cache file: node_modules/.cache/rampart/ next to the data packages, named by their versions. */
export function defaultIndexCachePath(pkgs: IpDataPackages, cacheDir?: string): string {
  const dir = cacheDir ?? join(pkgs.asnDir, '..', '..', '.cache', 'rampart');
  return join(dir, `ip-index-${pkgs.asnVersion}-${pkgs.countryVersion}-f${FORMAT}.bin`);
}

export interface LoadedIpIndex {
  readonly index: IpIndex;
  readonly from: 'cache' | 'built';
  readonly path: string;
  readonly millis: number;
  /** Set when the freshly built index could not be written to the cache (it is still usable). */
  readonly cacheError: string | undefined;
}

/** Loads the cached index, or builds and caches it when there is none for the installed data version. */
export function loadIpIndex(options: { cacheDir?: string; rebuild?: boolean } = {}): LoadedIpIndex {
  const t0 = performance.now();
  let pkgs: IpDataPackages;
  try {
    pkgs = locateIpDataPackages();
  } catch (err) {
    throw new RampartError(
      'INVALID_CONFIG',
      `the IP data packages (@ip-location-db/asn, @ip-location-db/geo-whois-asn-country) are not installed: run npm install, or set enrich.mmdb (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const path = defaultIndexCachePath(pkgs, options.cacheDir);
  const cached = options.rebuild ? undefined : readIpIndexFile(path);
  if (cached) return { index: cached, from: 'cache', path, millis: performance.now() - t0, cacheError: undefined };
  let index: IpIndex;
  try {
    index = buildIpIndex(pkgs);
  } catch (err) {
    throw new RampartError(
      'INVALID_CONFIG',
      `cannot build the IP index from ${pkgs.asnDir}: ${(err as Error).message}`,
    );
  }
  let cacheError: string | undefined;
  try {
    writeIpIndexFile(index, path);
  } catch (err) {
    cacheError = (err as Error).message;
  }
  return { index, from: 'built', path, millis: performance.now() - t0, cacheError };
}
