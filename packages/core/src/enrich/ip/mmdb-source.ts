/**
 * IP → ASN / organisation / country from MaxMind-format (MMDB) files the user points at, read with the
 * maintained `maxmind` reader. Understands the field names of GeoLite2-ASN/Country, DB-IP lite and
 * IPinfo lite. The routed prefix is the network of the matching ASN record.
 */
import { readFileSync } from 'node:fs';
import { Reader, type Response } from 'maxmind';
import { RampartError } from '../../errors.js';
import { parseCidr } from '../../net/cidr.js';
import type { IndexAnswer } from './ip-index.js';

/** The shapes of the records we read; every field is optional because databases differ. */
interface MmdbRecord {
  autonomous_system_number?: unknown;
  autonomous_system_organization?: unknown;
  asn?: unknown;
  as_name?: unknown;
  country?: { iso_code?: unknown };
  registered_country?: { iso_code?: unknown };
  country_code?: unknown;
}

function openReader(path: string, what: string): Reader<Response> {
  try {
    return new Reader<Response>(readFileSync(path));
  } catch (err) {
    throw new RampartError(
      'INVALID_CONFIG',
      `enrich.mmdb.${what}: cannot read MMDB '${path}': ${(err as Error).message}`,
    );
  }
}

function asnOf(r: MmdbRecord): number | undefined {
  const v = r.autonomous_system_number ?? r.asn;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  if (typeof v === 'string') {
    const m = /^(?:AS)?(\d{1,10})$/i.exec(v);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function countryOf(r: MmdbRecord): string | undefined {
  const v = r.country?.iso_code ?? r.country_code ?? r.registered_country?.iso_code;
  return typeof v === 'string' && /^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : undefined;
}

export class MmdbSource {
  private readonly asnReader: Reader<Response> | undefined;
  private readonly countryReader: Reader<Response> | undefined;
  lookups = 0;

  constructor(paths: { asn?: string | undefined; country?: string | undefined }) {
    this.asnReader = paths.asn ? openReader(paths.asn, 'asn') : undefined;
    this.countryReader = paths.country ? openReader(paths.country, 'country') : undefined;
  }

  get hasAsn(): boolean {
    return this.asnReader !== undefined;
  }

  get hasCountry(): boolean {
    return this.countryReader !== undefined;
  }

  /** `ip` MUST already be a normalized address. */
  lookup(ip: string): IndexAnswer {
    this.lookups++;
    let asn: number | undefined;
    let org: string | undefined;
    let prefix: string | undefined;
    let country: string | undefined;
    if (this.asnReader) {
      // The reader's Response union does not cover IPinfo's field names; read them through MmdbRecord.
      const [found, len] = this.asnReader.getWithPrefixLength(ip);
      const rec = found as MmdbRecord | null;
      if (rec) {
        asn = asnOf(rec);
        const o = rec.autonomous_system_organization ?? rec.as_name;
        org = typeof o === 'string' && o !== '' ? o : undefined;
        prefix = parseCidr(`${ip}/${len}`, { lenient: true })?.text;
        country = countryOf(rec);
      }
    }
    if (this.countryReader) {
      const rec = this.countryReader.get(ip) as MmdbRecord | null;
      if (rec) country = countryOf(rec) ?? country;
    }
    return { asn, org, prefix, country };
  }
}
