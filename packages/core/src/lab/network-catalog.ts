/**
 * The real networks the lab draws addresses from: residential ISPs, a mobile carrier, business ISPs and
 * hosting providers (looked up in `@ip-location-db/asn`), plus the crawler and monitor ranges their
 * operators publish. Only well-known, long-lived allocations are listed, so the lab stays realistic as the
 * ASN data is refreshed. Hard-coded published ranges are a snapshot (Google's googlebot.json, Bing's
 * bingbot.json, UptimeRobot's IPv4 list, 2026) — the lab MUST only use addresses inside them.
 */

export type NetworkRole = 'residential' | 'mobile' | 'business' | 'hosting' | 'vpn';

export interface LabNetwork {
  readonly asn: number;
  readonly org: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** Local UTC offset in hours, for the daily rhythm of the people on it. */
  readonly utcOffset: number;
  readonly role: NetworkRole;
  /** Relative share of the site's human audience on this network. */
  readonly weight: number;
}

export const NETWORKS: readonly LabNetwork[] = [
  { asn: 7922, org: 'Comcast Cable Communications', country: 'US', utcOffset: -5, role: 'residential', weight: 10 },
  { asn: 20115, org: 'Charter Communications', country: 'US', utcOffset: -6, role: 'residential', weight: 6 },
  { asn: 22773, org: 'Cox Communications', country: 'US', utcOffset: -7, role: 'residential', weight: 3 },
  { asn: 701, org: 'Verizon Fios', country: 'US', utcOffset: -5, role: 'residential', weight: 4 },
  { asn: 812, org: 'Rogers Communications', country: 'CA', utcOffset: -5, role: 'residential', weight: 2 },
  { asn: 3320, org: 'Deutsche Telekom', country: 'DE', utcOffset: 1, role: 'residential', weight: 6 },
  { asn: 3209, org: 'Vodafone Germany', country: 'DE', utcOffset: 1, role: 'residential', weight: 3 },
  { asn: 3215, org: 'Orange', country: 'FR', utcOffset: 1, role: 'residential', weight: 5 },
  { asn: 12322, org: 'Free SAS', country: 'FR', utcOffset: 1, role: 'residential', weight: 3 },
  { asn: 2856, org: 'British Telecommunications', country: 'GB', utcOffset: 0, role: 'residential', weight: 5 },
  { asn: 5089, org: 'Virgin Media', country: 'GB', utcOffset: 0, role: 'residential', weight: 3 },
  { asn: 3352, org: 'Telefonica de Espana', country: 'ES', utcOffset: 1, role: 'residential', weight: 2 },
  { asn: 1136, org: 'KPN', country: 'NL', utcOffset: 1, role: 'residential', weight: 2 },
  { asn: 1221, org: 'Telstra', country: 'AU', utcOffset: 10, role: 'residential', weight: 1 },
  { asn: 21928, org: 'T-Mobile USA', country: 'US', utcOffset: -5, role: 'mobile', weight: 0 },
  { asn: 174, org: 'Cogent Communications', country: 'US', utcOffset: -5, role: 'business', weight: 0 },
  { asn: 3356, org: 'Lumen (Level 3)', country: 'US', utcOffset: -6, role: 'business', weight: 0 },
  { asn: 16509, org: 'Amazon.com', country: 'US', utcOffset: 0, role: 'hosting', weight: 0 },
  { asn: 14061, org: 'DigitalOcean', country: 'US', utcOffset: 0, role: 'hosting', weight: 0 },
  { asn: 24940, org: 'Hetzner Online', country: 'DE', utcOffset: 0, role: 'hosting', weight: 0 },
  { asn: 16276, org: 'OVH', country: 'FR', utcOffset: 0, role: 'hosting', weight: 0 },
  { asn: 63949, org: 'Akamai Connected Cloud (Linode)', country: 'US', utcOffset: 0, role: 'hosting', weight: 0 },
  { asn: 20473, org: 'The Constant Company (Vultr)', country: 'US', utcOffset: 0, role: 'hosting', weight: 0 },
  { asn: 9009, org: 'M247', country: 'RO', utcOffset: 0, role: 'vpn', weight: 0 },
  { asn: 60068, org: 'Datacamp (CDN77)', country: 'GB', utcOffset: 0, role: 'vpn', weight: 0 },
  { asn: 4837, org: 'China Unicom', country: 'CN', utcOffset: 8, role: 'residential', weight: 0 },
];

export const RESIDENTIAL = NETWORKS.filter((n) => n.role === 'residential' && n.weight > 0);
/** Residential networks seen in proxy pools and botnets: the audience's plus a few far away. */
export const PROXY_NETWORKS = NETWORKS.filter((n) => n.role === 'residential');
export const HOSTING = NETWORKS.filter((n) => n.role === 'hosting');
export const VPN = NETWORKS.filter((n) => n.role === 'vpn');

export function networkByAsn(asn: number): LabNetwork {
  const n = NETWORKS.find((x) => x.asn === asn);
  if (!n) throw new Error(`lab network AS${asn} is not in the catalogue`);
  return n;
}

/** Published Googlebot prefixes inside 66.249.64.0/19 (Google's googlebot.json). */
export const GOOGLEBOT_PREFIXES = ['66.249.64.0/23', '66.249.66.0/24', '66.249.69.0/24', '66.249.72.0/22'] as const;
/** Published Bingbot prefixes (Bing's bingbot.json). */
export const BINGBOT_PREFIXES = ['157.55.39.0/24', '207.46.13.0/24'] as const;
/** A few of UptimeRobot's published probe addresses (their IPv4 list), with the network each is in. */
export const UPTIMEROBOT_PROBES: ReadonlyArray<readonly [ip: string, asn: number]> = [
  ['3.12.251.153', 16509],
  ['3.20.63.178', 16509],
  ['18.116.205.62', 16509],
  ['52.15.147.27', 16509],
  ['5.161.61.238', 24940],
  ['49.13.24.81', 24940],
  ['78.46.190.63', 24940],
  ['138.197.53.117', 14061],
];
export const UPTIMEROBOT_IPS: readonly string[] = UPTIMEROBOT_PROBES.map(([ip]) => ip);

/** Networks of the crawlers (not in NETWORKS: the lab never draws random addresses from them). */
export const GOOGLE: LabNetwork = {
  asn: 15169,
  org: 'Google LLC',
  country: 'US',
  utcOffset: 0,
  role: 'hosting',
  weight: 0,
};
export const MICROSOFT: LabNetwork = {
  asn: 8075,
  org: 'Microsoft Corporation',
  country: 'US',
  utcOffset: 0,
  role: 'hosting',
  weight: 0,
};
