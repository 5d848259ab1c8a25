/**
 * Answers "who is behind this address" as an `IpInfo`: scope from the special-purpose registries, then
 * ASN / organisation / prefix / country from MMDB files when configured, else from the bundled index, then
 * the network type. `sources` says where each answer came from. Never throws on any input; the enricher
 * caches the answers, so this runs once per distinct address.
 */
import type { IpInfo } from '../../event/enriched-event.js';
import { type ParsedIp, parseIp } from '../../net/ip-address.js';
import type { NetworkTypeClassifier } from '../network-type/network-type-classifier.js';
import { scopeOfV4, scopeOfV6 } from './address-scope.js';
import type { IndexAnswer, IpIndex } from './ip-index.js';
import type { MmdbSource } from './mmdb-source.js';

export interface IpResolverSources {
  readonly index?: IpIndex | undefined;
  readonly mmdb?: MmdbSource | undefined;
  readonly classifier: NetworkTypeClassifier;
}

interface Answer extends IndexAnswer {
  readonly asnFrom: string;
  readonly countryFrom: string;
}

const INDEX_ASN = 'ip-location-db/asn';
const INDEX_COUNTRY = 'ip-location-db/geo-whois-asn-country';
const NONE: IndexAnswer = { asn: undefined, org: undefined, prefix: undefined, country: undefined };
const SPECIAL_SOURCES = Object.freeze({ scope: 'iana-special-purpose' });

export class IpResolver {
  private readonly sourceObjects = new Map<string, Readonly<Record<string, string>>>();

  constructor(private readonly src: IpResolverSources) {}

  get index(): IpIndex | undefined {
    return this.src.index;
  }

  get classifier(): NetworkTypeClassifier {
    return this.src.classifier;
  }

  /** Resolves any text; undefined only when it is not an IP address. */
  resolve(text: string): IpInfo | undefined {
    const ip = parseIp(text);
    return ip ? this.resolveParsed(ip) : undefined;
  }

  resolveParsed(ip: ParsedIp): IpInfo {
    const scope = ip.version === 4 ? scopeOfV4(ip.value as number) : scopeOfV6(ip.value as bigint);
    if (scope !== 'public') {
      return {
        ip: ip.text,
        version: ip.version,
        scope,
        asn: undefined,
        org: undefined,
        prefix: undefined,
        country: undefined,
        networkType: 'unknown',
        sources: SPECIAL_SOURCES,
      };
    }
    const a = this.answer(ip);
    const nt = this.src.classifier.classify(ip.text, a.asn, a.org);
    const sources = this.sourcesOf(a, nt.source);
    return {
      ip: ip.text,
      version: ip.version,
      scope,
      asn: a.asn,
      org: a.org,
      prefix: a.prefix,
      country: a.country,
      networkType: nt.type,
      sources,
    };
  }

  /** Few distinct combinations exist, so answers share frozen `sources` objects instead of allocating. */
  private sourcesOf(a: Answer, networkType: string): Readonly<Record<string, string>> {
    const mask =
      (a.asn !== undefined ? 1 : 0) |
      (a.org !== undefined ? 2 : 0) |
      (a.prefix !== undefined ? 4 : 0) |
      (a.country !== undefined ? 8 : 0);
    const key = `${mask}|${a.asnFrom}|${a.countryFrom}|${networkType}`;
    let sources = this.sourceObjects.get(key);
    if (!sources) {
      const s: Record<string, string> = { scope: 'iana-special-purpose', networkType };
      if (mask & 1) s.asn = a.asnFrom;
      if (mask & 2) s.org = a.asnFrom;
      if (mask & 4) s.prefix = a.asnFrom;
      if (mask & 8) s.country = a.countryFrom;
      sources = Object.freeze(s);
      this.sourceObjects.set(key, sources);
    }
    return sources;
  }

  private answer(ip: ParsedIp): Answer {
    const { mmdb, index } = this.src;
    const i =
      !index || (mmdb?.hasAsn && mmdb.hasCountry)
        ? NONE
        : ip.version === 4
          ? index.lookupV4(ip.value as number)
          : index.lookupV6(ip.value as bigint);
    if (!mmdb) {
      return {
        asn: i.asn,
        org: i.org,
        prefix: i.prefix,
        country: i.country,
        asnFrom: INDEX_ASN,
        countryFrom: INDEX_COUNTRY,
      };
    }
    const m = mmdb.lookup(ip.text);
    // Each part comes from MMDB when a file for it is configured and answers, else from the index.
    const asnPart = mmdb.hasAsn ? m : i;
    const country = m.country ?? i.country;
    return {
      asn: asnPart.asn,
      org: asnPart.org,
      prefix: asnPart.prefix,
      country,
      asnFrom: mmdb.hasAsn ? 'mmdb' : INDEX_ASN,
      countryFrom: m.country !== undefined ? 'mmdb' : INDEX_COUNTRY,
    };
  }
}
