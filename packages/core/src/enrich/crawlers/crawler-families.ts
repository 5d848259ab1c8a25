/**
 * The crawler families Rampart recognises and how each is verified: a user-agent pattern, the operator's
 * ASNs, forward-confirmed reverse-DNS suffixes and the official URLs of the published IP ranges. Figures
 * come from each operator's verification page (linked per entry); anything an operator does not publish is
 * left empty rather than guessed, and such a family is only ever "not checked", never "impersonated".
 */

export interface CrawlerFamily {
  /** lower_snake_case id, stored in `UaInfo.crawler` and `CrawlerVerdict.family`. */
  readonly id: string;
  readonly label: string;
  readonly kind: 'search' | 'ai' | 'preview' | 'monitor';
  /** Case-insensitive pattern tested against the whole user agent; MUST NOT backtrack badly. */
  readonly ua: RegExp;
  /** Operator ASNs (used per the policy in crawler-verifier.ts). */
  readonly asns: readonly number[];
  /**
   * true when the ASNs carry only the operator's own services (no rented cloud customers), so an ASN match
   * proves the operator even when ranges are loaded. Google, Microsoft and Amazon rent space: false.
   */
  readonly asnExclusive: boolean;
  /** Host name suffixes a PTR must end with (lower case, no trailing dot) for FCrDNS to pass. */
  readonly rdnsSuffixes: readonly string[];
  /** Official published ranges, fetched by `rampart update-data` into `<dataDir>/crawler-ranges/<id>.txt`. */
  readonly rangeUrls: readonly string[];
  readonly docs: string;
}

const GOOGLE_RANGES = 'https://developers.google.com/static/search/apis/ipranges/';

// Order matters: the first matching family wins, so specific agents come before generic ones.
export const CRAWLER_FAMILIES: readonly CrawlerFamily[] = [
  {
    id: 'google_user_fetcher',
    label: 'Google user-triggered fetchers (Feedfetcher, Site Verifier, Read Aloud, …)',
    kind: 'preview',
    ua: /FeedFetcher-Google|Google-Site-Verification|Google-Read-Aloud|Google-InspectionTool|GoogleProducer|Google-Extended|Google-CWS|Google-Safety/i,
    asns: [15169],
    asnExclusive: false,
    rdnsSuffixes: ['google.com', 'googleusercontent.com', 'googlebot.com'],
    rangeUrls: [`${GOOGLE_RANGES}user-triggered-fetchers.json`, `${GOOGLE_RANGES}user-triggered-fetchers-google.json`],
    docs: 'https://developers.google.com/search/docs/crawling-indexing/verifying-googlebot',
  },
  {
    id: 'google_special',
    label: 'Google special-case crawlers (AdsBot, Mediapartners, APIs-Google, …)',
    kind: 'search',
    ua: /AdsBot-Google|Mediapartners-Google|APIs-Google|Google-Adwords|DuplexWeb-Google|Storebot-Google|GoogleOther|Google-Safety/i,
    asns: [15169],
    asnExclusive: false,
    rdnsSuffixes: ['google.com', 'googlebot.com'],
    rangeUrls: [`${GOOGLE_RANGES}special-crawlers.json`],
    docs: 'https://developers.google.com/search/docs/crawling-indexing/verifying-googlebot',
  },
  {
    id: 'googlebot',
    label: 'Googlebot',
    kind: 'search',
    ua: /Googlebot|Google Favicon|Google-PageRenderer/i,
    asns: [15169],
    asnExclusive: false,
    rdnsSuffixes: ['googlebot.com', 'google.com'],
    rangeUrls: [`${GOOGLE_RANGES}googlebot.json`],
    docs: 'https://developers.google.com/search/docs/crawling-indexing/verifying-googlebot',
  },
  {
    id: 'bingbot',
    label: 'Bingbot',
    kind: 'search',
    ua: /bingbot|msnbot|adidxbot|BingPreview|MicrosoftPreview/i,
    asns: [8075],
    asnExclusive: false,
    rdnsSuffixes: ['search.msn.com'],
    rangeUrls: ['https://www.bing.com/toolbox/bingbot.json'],
    docs: 'https://www.bing.com/webmasters/help/verifying-that-bingbot-is-bingbot-3905dc26',
  },
  {
    id: 'applebot',
    label: 'Applebot',
    kind: 'search',
    ua: /Applebot/i,
    asns: [714, 6185],
    asnExclusive: true,
    rdnsSuffixes: ['applebot.apple.com'],
    rangeUrls: ['https://search.developer.apple.com/applebot.json'],
    docs: 'https://support.apple.com/en-us/119829',
  },
  {
    id: 'duckduckbot',
    label: 'DuckDuckBot',
    kind: 'search',
    ua: /DuckDuckBot|DuckAssistBot|DuckDuckGo-Favicons-Bot/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://duckduckgo.com/duckduckbot.json', 'https://duckduckgo.com/duckassistbot.json'],
    docs: 'https://duckduckgo.com/duckduckgo-help-pages/results/duckduckbot',
  },
  {
    id: 'yandexbot',
    label: 'YandexBot',
    kind: 'search',
    ua: /Yandex(?:Bot|Images|Metrika|Direct|Favicons|Accessibility|RenderResources|Video|Media|News|Blogs|Market|Webmaster|ScreenshotBot|Additional|Pagechecker|Verticals|SpravBot|Adnet|Calendar|Tracker|Searchshop|ForDomain|Catalog|Sitelinks|ImageResizer|MobileBot|MobileScreenShotBot)|YaDirectFetcher/i,
    asns: [13238, 208722],
    asnExclusive: true,
    rdnsSuffixes: ['yandex.ru', 'yandex.net', 'yandex.com'],
    rangeUrls: [],
    docs: 'https://yandex.com/support/webmaster/robot-workings/check-yandex-robots.html',
  },
  {
    id: 'baiduspider',
    label: 'Baiduspider',
    kind: 'search',
    ua: /Baiduspider/i,
    asns: [55967, 38365],
    asnExclusive: true,
    rdnsSuffixes: ['crawl.baidu.com', 'crawl.baidu.jp'],
    rangeUrls: [],
    docs: 'https://www.baidu.com/search/spider_english.html',
  },
  {
    id: 'gptbot',
    label: 'OpenAI GPTBot',
    kind: 'ai',
    ua: /GPTBot/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://openai.com/gptbot.json'],
    docs: 'https://platform.openai.com/docs/bots',
  },
  {
    id: 'chatgpt_user',
    label: 'OpenAI ChatGPT-User',
    kind: 'ai',
    ua: /ChatGPT-User/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://openai.com/chatgpt-user.json'],
    docs: 'https://platform.openai.com/docs/bots',
  },
  {
    id: 'oai_searchbot',
    label: 'OpenAI OAI-SearchBot',
    kind: 'ai',
    ua: /OAI-SearchBot/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://openai.com/searchbot.json'],
    docs: 'https://platform.openai.com/docs/bots',
  },
  {
    id: 'perplexitybot',
    label: 'PerplexityBot / Perplexity-User',
    kind: 'ai',
    ua: /PerplexityBot|Perplexity-User/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://www.perplexity.ai/perplexitybot.json', 'https://www.perplexity.ai/perplexity-user.json'],
    docs: 'https://docs.perplexity.ai/guides/bots',
  },
  {
    id: 'claudebot',
    label: 'Anthropic ClaudeBot / Claude-User / Claude-SearchBot',
    kind: 'ai',
    ua: /ClaudeBot|Claude-User|Claude-SearchBot|anthropic-ai/i,
    // Anthropic publishes no crawler ranges or PTR names: recognised, never verified.
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: [],
    docs: 'https://support.anthropic.com/en/articles/8896518',
  },
  {
    id: 'amazonbot',
    label: 'Amazonbot',
    kind: 'search',
    ua: /Amazonbot/i,
    asns: [16509, 14618],
    asnExclusive: false,
    rdnsSuffixes: ['crawl.amazonbot.amazon'],
    rangeUrls: [],
    docs: 'https://developer.amazon.com/amazonbot',
  },
  {
    id: 'meta',
    label: 'Meta crawlers (facebookexternalhit, meta-externalagent, facebookcatalog)',
    kind: 'preview',
    ua: /facebookexternalhit|meta-external(?:agent|fetcher)|facebookcatalog|FacebookBot/i,
    // Meta's documented check is the AS32934 route origin; its fetchers resolve to *.fbsv.net.
    asns: [32934, 63293],
    asnExclusive: true,
    rdnsSuffixes: ['fbsv.net'],
    rangeUrls: [],
    docs: 'https://developers.facebook.com/docs/sharing/webmasters/web-crawlers',
  },
  {
    id: 'uptimerobot',
    label: 'UptimeRobot',
    kind: 'monitor',
    ua: /UptimeRobot/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://uptimerobot.com/inc/files/ips/IPv4andIPv6.txt'],
    docs: 'https://uptimerobot.com/help/locations/',
  },
  {
    id: 'pingdom',
    label: 'Pingdom',
    kind: 'monitor',
    ua: /Pingdom/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: ['pingdom.com'],
    rangeUrls: ['https://my.pingdom.com/probes/ipv4', 'https://my.pingdom.com/probes/ipv6'],
    docs: 'https://documentation.solarwinds.com/en/success_center/pingdom/content/topics/pingdom-probe-servers-ip-addresses.htm',
  },
  {
    id: 'statuscake',
    label: 'StatusCake',
    kind: 'monitor',
    ua: /StatusCake/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://app.statuscake.com/Workfloor/Locations.php?format=txt'],
    docs: 'https://www.statuscake.com/kb/knowledge-base/what-are-your-ips/',
  },
  {
    id: 'better_uptime',
    label: 'Better Stack (Better Uptime)',
    kind: 'monitor',
    ua: /Better(?: |-)?Uptime|BetterStack/i,
    asns: [],
    asnExclusive: false,
    rdnsSuffixes: [],
    rangeUrls: ['https://uptime.betterstack.com/ips.txt'],
    docs: 'https://betterstack.com/docs/uptime/frequently-asked-questions/',
  },
];

const BY_ID = new Map(CRAWLER_FAMILIES.map((f) => [f.id, f]));

export function crawlerFamilyById(id: string): CrawlerFamily | undefined {
  return BY_ID.get(id);
}

/** The family whose user-agent pattern matches, or undefined. */
export function matchCrawlerFamily(ua: string): CrawlerFamily | undefined {
  for (const f of CRAWLER_FAMILIES) if (f.ua.test(ua)) return f;
  return undefined;
}
