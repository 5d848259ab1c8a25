/**
 * What the enrich stage adds to a request: who is behind the address, what kind of client the user agent
 * is, whether a declared crawler is real, and which service the request belongs to. Lookups are cached, so
 * events of one address share one `IpInfo` object and events of one user agent share one `UaInfo`.
 */
import type { RequestEvent } from './request-event.js';

export const NETWORK_TYPES = [
  'hosting',
  'residential',
  'mobile',
  'business',
  'education',
  'government',
  'unknown',
] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

/** Address scope: private/loopback/reserved addresses get no ASN and are never an error. */
export type AddressScope = 'public' | 'private' | 'loopback' | 'reserved';

export interface IpInfo {
  readonly ip: string;
  readonly version: 4 | 6;
  readonly scope: AddressScope;
  readonly asn: number | undefined;
  readonly org: string | undefined;
  /** Routed prefix containing the address, CIDR notation. */
  readonly prefix: string | undefined;
  /** ISO 3166-1 alpha-2, upper-case. */
  readonly country: string | undefined;
  readonly networkType: NetworkType;
  /** Where each answer came from, e.g. { asn: 'ip-location-db/asn', networkType: 'asn-table' }. */
  readonly sources: Readonly<Record<string, string>>;
}

export const UA_CLASSES = [
  'browser',
  'outdated_browser',
  'library',
  'scanner',
  'crawler',
  'missing',
  'unknown',
] as const;
export type UaClass = (typeof UA_CLASSES)[number];

export interface UaInfo {
  readonly class: UaClass;
  /** Browser, library, scanner or crawler family, e.g. 'Chrome', 'curl', 'sqlmap', 'googlebot'. */
  readonly family: string | undefined;
  readonly major: number | undefined;
  /** Crawler family id when the user agent declares a known crawler (e.g. 'googlebot'). */
  readonly crawler: string | undefined;
}

/** A declared crawler checked against its operator's published ranges, ASN or reverse DNS. */
export interface CrawlerVerdict {
  readonly family: string;
  /** true: verified; false: failed verification (impersonation evidence); undefined: could not check. */
  readonly verified: boolean | undefined;
  readonly method: 'ip_range' | 'asn' | 'rdns' | 'none';
}

export interface EnrichedEvent {
  readonly req: RequestEvent;
  readonly net: IpInfo;
  readonly ua: UaInfo;
  /** Present only when the user agent declares a crawler. */
  readonly crawler: CrawlerVerdict | undefined;
  /** Client grouping key: the IPv4 address itself, or the IPv6 /64 (configurable). */
  readonly client: string;
  /** Prefix key: IPv4 /24 or IPv6 /64 (configurable), CIDR notation. */
  readonly subnet: string;
  /** Service name matched from the host by the services config; 'default' otherwise. */
  readonly service: string;
}
