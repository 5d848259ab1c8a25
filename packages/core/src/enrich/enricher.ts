/**
 * The enrich stage: turns each `RequestEvent` into an `EnrichedEvent` — who is behind the address (ASN,
 * organisation, prefix, country, network type), what the user agent is, whether a declared crawler is
 * real, the client and subnet keys, and the service. Everything is cached: at most one IP lookup per
 * distinct address and one classification per distinct user agent while they stay in the bounded caches
 * (oldest entries are evicted first), so a day of logs does not do a lookup per line.
 */
import type { EnrichConfig } from '../config/enrich-config.js';
import type { CrawlerVerdict, EnrichedEvent, IpInfo, UaInfo } from '../event/enriched-event.js';
import type { RequestEvent } from '../event/request-event.js';
import { subnetOf } from '../net/cidr.js';
import { parseIp } from '../net/ip-address.js';
import { detachString, internString } from '../util/detach-string.js';
import { GenerationalCache } from '../util/generational-cache.js';
import { CrawlerVerifier } from './crawlers/crawler-verifier.js';
import type { IpIndex } from './ip/ip-index.js';
import { loadIpIndex } from './ip/ip-index-file.js';
import { IpResolver } from './ip/ip-resolver.js';
import { MmdbSource } from './ip/mmdb-source.js';
import { NetworkTypeClassifier, overridesFromConfig } from './network-type/network-type-classifier.js';
import { loadFeeds } from './network-type/network-type-feeds.js';
import { classifyUserAgent } from './user-agent/classify-user-agent.js';

/** What the enricher needs from a crawler verifier (the real one is `CrawlerVerifier`). */
export interface CrawlerVerifierLike {
  verify(ip: string, ua: UaInfo, net: IpInfo): CrawlerVerdict | undefined;
}

export interface EnricherDeps {
  /** The bundled index; loaded (or built and cached) on creation when not given and MMDB does not cover it. */
  readonly ipIndex?: IpIndex;
  readonly mmdb?: MmdbSource;
  /** Data dir of `rampart update-data` (feeds, crawler ranges). */
  readonly dataDir?: string;
  readonly serviceOf?: (host: string) => string;
  readonly classifyUserAgent?: (ua: string) => UaInfo;
  /** `false` turns crawler verification off; default: a `CrawlerVerifier` over the data dir. */
  readonly crawlerVerifier?: CrawlerVerifierLike | false;
}

export interface EnricherStats {
  events: number;
  /** IP lookups done (cache misses). */
  addressLookups: number;
  userAgentLookups: number;
  /** Events whose address was not an IP address (kept, with scope 'reserved'). */
  invalidAddresses: number;
}

export interface Enricher {
  enrich(event: RequestEvent): EnrichedEvent;
  readonly resolver: IpResolver;
  readonly stats: Readonly<EnricherStats>;
  /** Configured feeds without a downloaded file yet (run `rampart update-data`). */
  readonly missingFeeds: readonly string[];
}

interface AddressEntry {
  readonly net: IpInfo;
  readonly client: string;
  readonly subnet: string;
}

/** Inserts into a Map used as a bounded cache, evicting the oldest entry when full. */
export function createEnricher(config: EnrichConfig, deps: EnricherDeps = {}): Enricher {
  const mmdb = deps.mmdb ?? (config.mmdb.asn || config.mmdb.country ? new MmdbSource(config.mmdb) : undefined);
  const needIndex = !(mmdb?.hasAsn && mmdb.hasCountry);
  const index =
    deps.ipIndex ??
    (needIndex ? loadIpIndex(config.indexCache ? { cacheDir: config.indexCache } : {}).index : undefined);
  const feeds = loadFeeds(config.feeds, deps.dataDir);
  const classifier = new NetworkTypeClassifier({
    overrides: overridesFromConfig(config.networkTypes),
    asnFeeds: feeds.asnFeeds,
    cidrFeeds: feeds.cidrFeeds,
  });
  const resolver = new IpResolver({ index, mmdb, classifier });
  const classifyUa = deps.classifyUserAgent ?? classifyUserAgent;
  const verifier =
    deps.crawlerVerifier === false
      ? undefined
      : (deps.crawlerVerifier ?? new CrawlerVerifier(deps.dataDir !== undefined ? { dataDir: deps.dataDir } : {}));
  const serviceOf = deps.serviceOf ?? (() => 'default');
  const addresses = new GenerationalCache<string, AddressEntry>(config.addressCacheSize);
  const userAgents = new GenerationalCache<string, UaInfo>(config.userAgentCacheSize);
  const stats: EnricherStats = { events: 0, addressLookups: 0, userAgentLookups: 0, invalidAddresses: 0 };

  // Cache keys and everything derived from them are copies: they outlive the event, and a slice of the
  // log line would pin the chunk it was cut from (util/detach-string.ts).
  const lookupAddress = (event: RequestEvent, text: string): AddressEntry => {
    stats.addressLookups++;
    const ip = parseIp(text);
    if (!ip) {
      stats.invalidAddresses++;
      const net: IpInfo = {
        ip: text,
        version: 4,
        scope: 'reserved',
        asn: undefined,
        org: undefined,
        prefix: undefined,
        country: undefined,
        networkType: 'unknown',
        sources: { scope: 'invalid-address' },
      };
      return { net, client: text, subnet: text };
    }
    let net = resolver.resolveParsed(ip);
    // Logs from Cloudflare or CloudFront carry ASN and country; use them where the data has no answer.
    if (net.scope === 'public' && ((net.asn === undefined && event.asn) || (!net.country && event.country))) {
      net = withLogFields(net, event, resolver);
    }
    const client =
      ip.version === 4 || config.ipv6ClientPrefix === 128
        ? ip.text
        : (subnetOf(ip.text, 32, config.ipv6ClientPrefix) ?? ip.text);
    const subnet = subnetOf(ip.text, config.subnetV4, config.subnetV6) ?? ip.text;
    return { net, client, subnet };
  };

  return {
    resolver,
    stats,
    missingFeeds: feeds.missing,
    enrich(event) {
      stats.events++;
      let a = addresses.get(event.ip);
      if (a === undefined) {
        const text = detachString(event.ip);
        a = addresses.set(text, lookupAddress(event, text));
      }
      let ua = userAgents.get(event.userAgent);
      if (ua === undefined) {
        stats.userAgentLookups++;
        ua = userAgents.set(internString(event.userAgent), classifyUa(event.userAgent));
      }
      const crawler = ua.crawler !== undefined && verifier ? verifier.verify(a.net.ip, ua, a.net) : undefined;
      return {
        req: event,
        net: a.net,
        ua,
        crawler,
        client: a.client,
        subnet: a.subnet,
        service: serviceOf(event.host),
      };
    },
  };
}

function withLogFields(net: IpInfo, event: RequestEvent, resolver: IpResolver): IpInfo {
  const sources: Record<string, string> = { ...net.sources };
  let { asn, org, country, networkType } = net;
  if (asn === undefined && event.asn) {
    asn = event.asn;
    sources.asn = 'log';
    org = resolver.index?.orgOf(asn);
    if (org !== undefined) sources.org = 'ip-location-db/asn';
    const nt = resolver.classifier.classify(net.ip, asn, org);
    networkType = nt.type;
    sources.networkType = nt.source;
  }
  if (!country && event.country && /^[A-Za-z]{2}$/.test(event.country)) {
    country = event.country.toUpperCase();
    sources.country = 'log';
  }
  return { ...net, asn, org, country, networkType, sources };
}
