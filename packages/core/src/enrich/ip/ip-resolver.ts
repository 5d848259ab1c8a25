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
    const sources: Record<string, string> = { scope: 'iana-special-purpose', networkType: nt.source };
    if (a.asn !== undefined) sources.asn = a.asnFrom;
    if (a.org !== undefined) sources.org = a.asnFrom;
    if (a.prefix !== undefined) sources.prefix = a.asnFrom;
    if (a.country !== undefined) sources.country = a.countryFrom;
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

  private answer(ip: ParsedIp): Answer {
    const { mmdb, index } = this.src;
    const i =
      !index || (mmdb?.hasAsn && mmdb.hasCountry)
        ? NONE
        : ip.version === 4
          ? index.lookupV4(ip.value as number)
          : index.lookupV6(ip.value as bigint);
    if (!mmdb) return { ...i, asnFrom: INDEX_ASN, countryFrom: INDEX_COUNTRY };
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
