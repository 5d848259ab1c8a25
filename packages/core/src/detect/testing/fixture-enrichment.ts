/**
 * A small, documented stand-in enrichment for detector fixtures, so a fixture states the network facts
 * it depends on instead of relying on IP databases. Fixture comment lines:
 *   `# net: <ip> <asn> <networkType> <country> [crawler-verified|crawler-unverified]`
 * Addresses without a `# net:` line are AS0 'unknown'. User agents are classified by a few rules
 * (scanner, library, headless, declared crawler, outdated browser, browser, missing) — enough for
 * fixtures, not a replacement for the real enricher.
 */
import type { CrawlerVerdict, EnrichedEvent, IpInfo, NetworkType, UaInfo } from '../../event/enriched-event.js';
import type { RequestEvent } from '../../event/request-event.js';
import { subnetOf } from '../../net/cidr.js';

export interface FixtureNet {
  readonly info: IpInfo;
  readonly crawlerVerified: boolean | undefined;
}

const NET_LINE = /^#\s*net:\s*(\S+)\s+(?:AS)?(\d+)\s+(\S+)\s+(\S+)(?:\s+(crawler-verified|crawler-unverified))?/i;

export function readNetLines(lines: readonly string[]): Map<string, FixtureNet> {
  const out = new Map<string, FixtureNet>();
  for (const l of lines) {
    const m = NET_LINE.exec(l);
    if (!m) continue;
    const [, ip, asn, type, country, crawler] = m;
    out.set(ip!, {
      info: netInfo(ip!, Number(asn), type as NetworkType, country!.toUpperCase()),
      crawlerVerified: crawler === undefined ? undefined : crawler.toLowerCase() === 'crawler-verified',
    });
  }
  return out;
}

function netInfo(ip: string, asn: number | undefined, networkType: NetworkType, country: string | undefined): IpInfo {
  return {
    ip,
    version: ip.includes(':') ? 6 : 4,
    scope: 'public',
    asn: asn === 0 ? undefined : asn,
    org: asn ? `AS${asn} (fixture)` : undefined,
    prefix: subnetOf(ip),
    country,
    networkType,
    sources: { asn: 'fixture' },
  };
}

const CRAWLERS: ReadonlyArray<[RegExp, string]> = [
  [/googlebot/i, 'googlebot'],
  [/bingbot/i, 'bingbot'],
  [/uptimerobot/i, 'uptimerobot'],
  [/pingdom/i, 'pingdom'],
];

export function classifyUa(ua: string): UaInfo {
  if (ua === '') return { class: 'missing', family: undefined, major: undefined, crawler: undefined };
  if (/sqlmap|nikto|nmap|masscan|zgrab|nuclei|wpscan|dirbuster|gobuster|ffuf|acunetix|nessus|openvas|w00t/i.test(ua)) {
    return { class: 'scanner', family: ua.split(/[/ ]/)[0], major: undefined, crawler: undefined };
  }
  for (const [re, family] of CRAWLERS) {
    if (re.test(ua)) return { class: 'crawler', family, major: undefined, crawler: family };
  }
  if (/headlesschrome/i.test(ua))
    return { class: 'library', family: 'HeadlessChrome', major: undefined, crawler: undefined };
  if (/^(curl|wget|python|go-http-client|java|okhttp|axios|node-fetch|libwww|ruby|php)/i.test(ua)) {
    return { class: 'library', family: ua.split(/[/ ]/)[0]!.toLowerCase(), major: undefined, crawler: undefined };
  }
  const chrome = /Chrome\/(\d+)/.exec(ua);
  if (chrome) {
    const major = Number(chrome[1]);
    return { class: major < 100 ? 'outdated_browser' : 'browser', family: 'Chrome', major, crawler: undefined };
  }
  const firefox = /Firefox\/(\d+)/.exec(ua);
  if (firefox) {
    const major = Number(firefox[1]);
    return { class: major < 100 ? 'outdated_browser' : 'browser', family: 'Firefox', major, crawler: undefined };
  }
  if (/Mozilla\/5\.0/.test(ua)) return { class: 'browser', family: 'Other', major: undefined, crawler: undefined };
  return { class: 'unknown', family: undefined, major: undefined, crawler: undefined };
}

export function createFixtureEnricher(nets: ReadonlyMap<string, FixtureNet>, serviceOf: (host: string) => string) {
  const uaCache = new Map<string, UaInfo>();
  const netCache = new Map<string, IpInfo>();
  return function enrich(req: RequestEvent): EnrichedEvent {
    const fixed = nets.get(req.ip);
    let net = fixed?.info ?? netCache.get(req.ip);
    if (net === undefined) {
      net = netInfo(req.ip, undefined, 'unknown', undefined);
      netCache.set(req.ip, net);
    }
    let ua = uaCache.get(req.userAgent);
    if (ua === undefined) {
      ua = classifyUa(req.userAgent);
      uaCache.set(req.userAgent, ua);
    }
    const crawler: CrawlerVerdict | undefined =
      ua.crawler === undefined
        ? undefined
        : {
            family: ua.crawler,
            verified: fixed?.crawlerVerified,
            method: fixed?.crawlerVerified === undefined ? 'none' : 'ip_range',
          };
    return {
      req,
      net,
      ua,
      crawler,
      client: net.version === 4 ? req.ip : (subnetOf(req.ip, 24, 64) ?? req.ip),
      subnet: subnetOf(req.ip) ?? req.ip,
      service: serviceOf(req.host),
    };
  };
}
