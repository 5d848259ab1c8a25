import { describe, expect, it } from 'vitest';
import { BUNDLED_BROWSER_VERSIONS, isOutdated, toBrowserVersions } from './browser-versions.js';
import { classifyUserAgent, createUserAgentClassifier } from './classify-user-agent.js';

const CHROME_155 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36';
const CHROME_91 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.124 Safari/537.36';

describe('classifyUserAgent', () => {
  it('reports an empty or dash user agent as missing', () => {
    expect(classifyUserAgent('').class).toBe('missing');
    expect(classifyUserAgent('-').class).toBe('missing');
    expect(classifyUserAgent('  ').class).toBe('missing');
  });

  it('names a current browser with family and major', () => {
    expect(classifyUserAgent(CHROME_155)).toEqual({
      class: 'browser',
      family: 'Chrome',
      major: 155,
      crawler: undefined,
    });
    const safari =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1';
    expect(classifyUserAgent(safari)).toMatchObject({ class: 'browser', family: 'Safari', major: 26 });
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:156.0) Gecko/20100101 Firefox/156.0';
    expect(classifyUserAgent(firefox)).toMatchObject({ class: 'browser', family: 'Firefox', major: 156 });
  });

  it('flags a browser more than a year of releases behind as outdated', () => {
    expect(classifyUserAgent(CHROME_91)).toMatchObject({ class: 'outdated_browser', family: 'Chrome', major: 91 });
    const ie = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';
    expect(classifyUserAgent(ie)).toMatchObject({ class: 'outdated_browser', family: 'IE' });
  });

  it('counts Safari releases across the 18 → 26 renumbering', () => {
    expect(isOutdated(BUNDLED_BROWSER_VERSIONS, 'Safari', 18)).toBe(false);
    expect(isOutdated(BUNDLED_BROWSER_VERSIONS, 'Safari', 16)).toBe(true);
  });

  it('judges outdated against versions passed in (a refreshed data file)', () => {
    const versions = toBrowserVersions({ date: '2030-01-01', families: { Chrome: { current: 200, maxBehind: 12 } } });
    expect(versions).toBeDefined();
    expect(createUserAgentClassifier(versions!)(CHROME_155).class).toBe('outdated_browser');
    expect(toBrowserVersions({ date: 'x', families: { Chrome: { current: 'new' } } })).toBeUndefined();
  });

  it.each([
    ['curl/8.4.0', 'curl', 8],
    ['python-requests/2.31.0', 'python-requests', 2],
    ['Python-urllib/3.11', 'python-urllib', 3],
    ['Python/3.11 aiohttp/3.9.1', 'aiohttp', 3],
    ['python-httpx/0.27.0', 'httpx', 0],
    ['Go-http-client/1.1', 'Go-http-client', 1],
    ['okhttp/4.12.0', 'okhttp', 4],
    ['Java/17.0.2', 'Java', 17],
    ['Apache-HttpClient/4.5.14 (Java/17.0.8)', 'Apache-HttpClient', 4],
    ['axios/1.6.7', 'axios', 1],
    ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'node-fetch', 1],
    ['node', 'undici', undefined],
    ['libwww-perl/6.72', 'libwww-perl', 6],
    ['GuzzleHttp/7', 'Guzzle', undefined],
    ['Ruby', 'Ruby', undefined],
    ['Scrapy/2.11.0 (+https://scrapy.org)', 'Scrapy', 2],
    ['Wget/1.21.4', 'Wget', 1],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.71 Safari/537.36',
      'HeadlessChrome',
      120,
    ],
    [
      'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
      'PhantomJS',
      2,
    ],
  ])('classes %s as the library %s', (ua, family, major) => {
    expect(classifyUserAgent(ua)).toEqual({ class: 'library', family, major, crawler: undefined });
  });

  it.each([
    ['Mozilla/5.0 zgrab/0.x', 'zgrab'],
    ['Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))', 'Nuclei'],
    ['sqlmap/1.7.2#stable (https://sqlmap.org)', 'sqlmap'],
    ['Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)', 'Nikto'],
    ['masscan/1.3 (https://github.com/robertdavidgraham/masscan)', 'masscan'],
    ['Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)', 'Nmap'],
    ['WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)', 'WPScan'],
    ['Fuzz Faster U Fool v2.1.0-dev', 'ffuf'],
    ['gobuster/3.6', 'gobuster'],
    ['Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)', 'Censys'],
    ['Expanse, a Palo Alto Networks company, searches across the global IPv4 space', 'Expanse'],
    ['ZmEu', 'ZmEu'],
  ])('classes %s as the scanner %s', (ua, family) => {
    expect(classifyUserAgent(ua)).toMatchObject({ class: 'scanner', family, crawler: undefined });
  });

  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'googlebot'],
    [
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.122 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'googlebot',
    ],
    ['AdsBot-Google (+http://www.google.com/adsbot.html)', 'google_special'],
    ['FeedFetcher-Google; (+http://www.google.com/feedfetcher.html)', 'google_user_fetcher'],
    ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'bingbot'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1)',
      'applebot',
    ],
    ['DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)', 'duckduckbot'],
    ['Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)', 'yandexbot'],
    ['Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)', 'baiduspider'],
    [
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
      'gptbot',
    ],
    [
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot',
      'chatgpt_user',
    ],
    [
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-SearchBot/1.0; +https://openai.com/searchbot',
      'oai_searchbot',
    ],
    [
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)',
      'perplexitybot',
    ],
    ['Mozilla/5.0 (compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot)', 'amazonbot'],
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'meta'],
    ['meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)', 'meta'],
    [
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
      'claudebot',
    ],
    ['Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', 'uptimerobot'],
    ['Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)', 'pingdom'],
    ['Mozilla/5.0 (compatible; StatusCake)', 'statuscake'],
    ['Better Uptime Bot Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'better_uptime'],
  ])('recognises %s as the crawler family %s', (ua, id) => {
    expect(classifyUserAgent(ua)).toMatchObject({ class: 'crawler', family: id, crawler: id });
  });

  it('does not take the browser shortcut when the platform comment names an agent', () => {
    const catchpoint =
      'Mozilla/5.0 (X11; Linux x86_64; Catchpoint) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/75.0.3770.90 Safari/537.36';
    expect(classifyUserAgent(catchpoint).class).toBe('crawler');
    const duplex =
      'Mozilla/5.0 (Linux; Android 8.0; Pixel 2 Build/OPD3.170816.012; DuplexWeb-Google/1.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.131 Mobile Safari/537.36';
    expect(classifyUserAgent(duplex)).toMatchObject({ class: 'crawler', crawler: 'google_special' });
    const edge =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36 Edg/155.0.0.0';
    expect(classifyUserAgent(edge)).toMatchObject({ class: 'browser', family: 'Edge', major: 155 });
  });

  it('names other bots by their product token', () => {
    const ua = 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)';
    expect(classifyUserAgent(ua)).toMatchObject({ class: 'crawler', crawler: 'semrushbot' });
    const site = 'Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)';
    expect(classifyUserAgent(site).crawler).not.toBe('http');
  });

  it('treats native app clients as browsers and a bare Mozilla token as unknown', () => {
    expect(classifyUserAgent('Dalvik/2.1.0 (Linux; U; Android 9; SM-G965U Build/PPR1.180610.011)')).toMatchObject({
      class: 'browser',
      family: 'Dalvik',
      major: 2,
    });
    expect(classifyUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64)').class).toBe('unknown');
  });

  it('reads only a bounded prefix of absurdly long user agents', () => {
    const junk = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${'x '.repeat(50_000)}sqlmap/1.0`;
    expect(classifyUserAgent(junk).class).not.toBe('scanner');
  });
});

describe('classifyUserAgent on junk', () => {
  it('never throws and always answers a class for 20,000 random strings', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const alphabet = 'Mozilla/5.0 (;) Chrome Safari bot curl http:// \u0000\u00ff\ud83d\ude00\\"\'%';
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const len = rand(200);
      for (let j = 0; j < len; j++) s += alphabet[rand(alphabet.length)];
      expect(typeof classifyUserAgent(s).class).toBe('string');
    }
  });
});
