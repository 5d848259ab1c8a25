/**
 * Classifies a user agent as browser, outdated_browser, library, scanner, crawler, missing or unknown.
 * Order: missing → canonical mainstream browser (fast path) → scanner (own table) → known crawler family → library/tool (own table) → any other
 * bot (isbot's maintained patterns) → browser family and major (ua-parser-js 1.x) → unknown. Pure; callers
 * cache per user-agent string. Only the first 512 characters are read, which bounds the cost of junk.
 */
import { isbot, isbotMatch } from 'isbot';
import { UAParser } from 'ua-parser-js';
import type { UaInfo } from '../../event/enriched-event.js';
import { CRAWLER_FAMILIES } from '../crawlers/crawler-families.js';
import { type BrowserVersions, BUNDLED_BROWSER_VERSIONS, isOutdated } from './browser-versions.js';
import { fastBrowser } from './fast-browser.js';
import { compileTable, LIBRARIES, SCANNERS } from './ua-tables.js';

const MAX_UA_LENGTH = 512;

// ua-parser-js names → the family the outdated policy knows; other browsers keep the parser's name.
const CANONICAL: Readonly<Record<string, string>> = {
  Chrome: 'Chrome',
  'Mobile Chrome': 'Chrome',
  'Chrome WebView': 'Chrome',
  Chromium: 'Chrome',
  Firefox: 'Firefox',
  'Mobile Firefox': 'Firefox',
  Safari: 'Safari',
  'Mobile Safari': 'Safari',
  Edge: 'Edge',
  Opera: 'Opera',
  'Samsung Browser': 'Samsung Browser',
  IE: 'IE',
  IEMobile: 'IE',
};

const MISSING: UaInfo = Object.freeze({ class: 'missing', family: undefined, major: undefined, crawler: undefined });
const UNKNOWN: UaInfo = Object.freeze({ class: 'unknown', family: undefined, major: undefined, crawler: undefined });

const scanners = compileTable(SCANNERS);
const libraries = compileTable(LIBRARIES);
const crawlers = compileTable(CRAWLER_FAMILIES.map((f) => [f.id, f.ua.source] as const));

export type UserAgentClassifier = (ua: string) => UaInfo;

/** A classifier judging "outdated" against the given current versions (e.g. a file from update-data). */
export function createUserAgentClassifier(versions: BrowserVersions = BUNDLED_BROWSER_VERSIONS): UserAgentClassifier {
  const parser = new UAParser();
  return (raw) => {
    const ua = raw.length > MAX_UA_LENGTH ? raw.slice(0, MAX_UA_LENGTH) : raw;
    const trimmed = ua.trim();
    if (trimmed === '' || trimmed === '-') return MISSING;
    const fast = fastBrowser(ua);
    if (fast) return browserInfo(versions, fast.family, fast.major);
    const scanner = scanners.match(ua);
    if (scanner) return info('scanner', scanner, undefined, undefined);
    const crawler = crawlers.match(ua);
    if (crawler) return info('crawler', crawler, undefined, crawler);
    const library = libraries.match(ua);
    if (library) return info('library', library, majorAfter(ua, library), undefined);
    if (isbot(ua)) {
      const id = botId(ua);
      return info('crawler', id, undefined, id);
    }
    parser.setUA(ua);
    const browser = parser.getBrowser();
    if (!browser.name) return appOrUnknown(ua, parser);
    const family = CANONICAL[browser.name] ?? browser.name;
    const major = browser.major === undefined ? undefined : Number.parseInt(browser.major, 10);
    if (major === undefined || !Number.isFinite(major)) return info('browser', family, undefined, undefined);
    return browserInfo(versions, family, major);
  };
}

function browserInfo(versions: BrowserVersions, family: string, major: number): UaInfo {
  return info(isOutdated(versions, family, major) ? 'outdated_browser' : 'browser', family, major, undefined);
}

/** Classifies with the bundled current versions. */
export const classifyUserAgent: UserAgentClassifier = createUserAgentClassifier();

function info(
  cls: UaInfo['class'],
  family: string | undefined,
  major: number | undefined,
  crawler: string | undefined,
): UaInfo {
  return { class: cls, family, major, crawler };
}

// Device/OS or engine markers: a client that names one is software on a user's device.
const PLATFORM =
  /android|iphone|ipad|\bios\b|darwin|cfnetwork|dalvik|windows|\bwin(?:10|32|64|9x)\b|macintosh|\bmac\b|linux|amiga|morphos|blackberry|nokia|symbian|midp|playstation|nintendo|roku|smarttv|tizen|webos|beos|inferno|sonos|appletv|khtml|gecko|trident|presto|\bms-?office|microsoft office|outlook/i;
const COMPATIBLE = /^Mozilla\/[\d.]+ \(compatible; ([A-Za-z][\w.-]*)(?:[ /](\d+))?/;
const ENGINE = /\b(AppleWebKit|Gecko|Trident|Presto)\//;

/**
 * Native apps and exotic browsers ua-parser-js does not name ('Dalvik/2.1.0 (Linux; U; Android 9; …)',
 * 'Viber/12.8.0.1 CFNetwork/… Darwin/…', 'Mozilla/5.0 (compatible; IBrowse 3.0; AmigaOS4.0)') are user
 * clients: `browser`, named by their product token or engine. They MUST name a device, OS or engine: a
 * bare 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', typical of scripts, stays unknown.
 */
function appOrUnknown(ua: string, parser: UAParser): UaInfo {
  if (!PLATFORM.test(ua)) return UNKNOWN;
  const compatible = COMPATIBLE.exec(ua);
  if (compatible) return info('browser', compatible[1], toMajor(compatible[2]), undefined);
  const end = ua.search(/[\s(;]/);
  const product = (end < 0 ? ua : ua.slice(0, end)).split('/');
  const name = product[0] ?? '';
  if (name !== '' && !/^mozilla$/i.test(name) && /^[A-Za-z][\w.-]*$/.test(name)) {
    return info('browser', name, toMajor(product[1]), undefined);
  }
  // 'Mozilla/6.0 (Macintosh; U; Amiga-AWeb) Safari 2.9': a product after the platform comment.
  const trailing = /^Mozilla/i.test(name) ? ua.slice(ua.lastIndexOf(')') + 1).trim() : '';
  const engine = parser.getEngine().name ?? ENGINE.exec(ua)?.[1] ?? /^[A-Za-z][\w.-]*/.exec(trailing)?.[0];
  return engine ? info('browser', engine, undefined, undefined) : UNKNOWN;
}

function toMajor(text: string | undefined): number | undefined {
  const n = Number.parseInt(text ?? '', 10);
  return Number.isFinite(n) ? n : undefined;
}

/** Version after a library token ('curl/8.4.0' → 8), when the family name appears as written. */
function majorAfter(ua: string, family: string): number | undefined {
  const at = ua.toLowerCase().indexOf(`${family.toLowerCase()}/`);
  if (at < 0) return undefined;
  const n = Number.parseInt(ua.slice(at + family.length + 1, at + family.length + 8), 10);
  return Number.isFinite(n) ? n : undefined;
}

// Tokens that name no bot: a URL scheme, the Mozilla prefix, generic words.
const GENERIC_TOKEN = /^(?:https?|www|mozilla|compatible|bot|robot|crawler|spider|feed|rss|fetch|[\d_]*)$/;

/**
 * A stable id for a bot that is not a known family: the product token around isbot's match
 * ('Mozilla/5.0 (compatible; SemrushBot/7~bl; …)' → 'semrushbot'), lower_snake_case without the version;
 * when that token is generic ('http', 'feed'), the site its URL names or its first product token.
 */
function botId(ua: string): string {
  const hit = isbotMatch(ua) ?? 'bot';
  const at = ua.indexOf(hit);
  let start = at;
  let end = at;
  while (start > 0 && !/[\s;(),+]/.test(ua[start - 1]!)) start--;
  while (end < ua.length && !/[\s;(),+/]/.test(ua[end]!)) end++;
  let id = slug(at < 0 ? hit : ua.slice(start, end));
  if (GENERIC_TOKEN.test(id)) {
    // '+http://siteexplorer.info/' → 'siteexplorer'; else the leading product ('fetch libfetch/2.0').
    const host = /https?:\/\/([\w.-]+)/.exec(ua)?.[1]?.split('.');
    const site = host && host.length >= 2 ? slug(host[host.length - 2]!) : '';
    const first = slug(ua.slice(0, ua.search(/[\s/;(]|$/)));
    if (site !== '' && !GENERIC_TOKEN.test(site)) id = site;
    else if (!GENERIC_TOKEN.test(first)) id = first;
  }
  return id === '' ? 'bot' : id.slice(0, 48);
}

function slug(token: string): string {
  return token
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
