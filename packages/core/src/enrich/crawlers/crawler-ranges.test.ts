import { describe, expect, it } from 'vitest';
import { CRAWLER_FAMILIES, matchCrawlerFamily } from './crawler-families.js';
import { crawlerRangeDownloads, parseRangeText } from './crawler-ranges.js';

describe('parseRangeText', () => {
  it("reads Google's, Bing's and OpenAI's prefixes JSON", () => {
    const doc = JSON.stringify({
      creationTime: '2026-08-20T14:46:45.000000',
      prefixes: [{ ipv4Prefix: '66.249.64.0/27' }, { ipv6Prefix: '2001:4860:4801:10::/64' }, { ipv4Prefix: 'nope' }],
    });
    const r = parseRangeText(doc);
    expect(r.cidrs.map((c) => c.text)).toEqual(['66.249.64.0/27', '2001:4860:4801:10::/64']);
    expect(r.invalid).toBe(1);
  });

  it("reads CrowdSec's ranges JSON after comment lines", () => {
    const r = parseRangeText('# GPTBot\n{"name":"gptbot","ranges":["4.227.36.0/25","20.125.66.80/28"]}\n');
    expect(r.cidrs.map((c) => c.text)).toEqual(['4.227.36.0/25', '20.125.66.80/28']);
  });

  it('reads plain lists with comments, CRLF line ends and bare addresses', () => {
    const r = parseRangeText('# probes\r\n192.0.2.1\r\n2001:db8::1\r\n198.51.100.0/24 # eu\r\n\r\n');
    expect(r.cidrs.map((c) => c.text)).toEqual(['192.0.2.1/32', '2001:db8::1/128', '198.51.100.0/24']);
  });

  it('yields no networks from an HTML error page instead of throwing', () => {
    const r = parseRangeText('<html><body>Service Unavailable</body></html>');
    expect(r.cidrs).toHaveLength(0);
    expect(r.invalid).toBeGreaterThan(0);
  });
});

describe('crawlerRangeDownloads', () => {
  it('offers one download per family with published ranges, into crawler-ranges/<id>.txt', () => {
    const downloads = crawlerRangeDownloads();
    const googlebot = downloads.find((d) => d.name === 'crawler-ranges:googlebot');
    expect(googlebot?.urls).toEqual(['https://developers.google.com/static/search/apis/ipranges/googlebot.json']);
    expect(googlebot?.targetFile).toBe('crawler-ranges/googlebot.txt');
    expect(downloads.map((d) => d.name)).toContain('crawler-ranges:bingbot');
    expect(downloads.map((d) => d.name)).toContain('crawler-ranges:gptbot');
    expect(downloads.every((d) => d.urls.every((u) => u.startsWith('https://')))).toBe(true);
  });

  it('merges the fetched bodies into one CIDR list, and refuses to write an empty one', () => {
    const perplexity = crawlerRangeDownloads().find((d) => d.name === 'crawler-ranges:perplexitybot')!;
    const ok = perplexity.parse([
      JSON.stringify({ prefixes: [{ ipv4Prefix: '107.20.236.150/32' }] }),
      JSON.stringify({ prefixes: [{ ipv4Prefix: '3.224.62.45/32' }, { ipv4Prefix: '107.20.236.150/32' }] }),
    ]);
    expect(ok.ok && ok.content.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      '107.20.236.150/32',
      '3.224.62.45/32',
    ]);
    expect(perplexity.parse(['<html>moved</html>']).ok).toBe(false);
  });
});

describe('crawler families', () => {
  it('have unique lower_snake_case ids and lower-case suffixes', () => {
    const ids = CRAWLER_FAMILIES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of CRAWLER_FAMILIES) {
      expect(f.id).toMatch(/^[a-z][a-z0-9_]*$/);
      for (const s of f.rdnsSuffixes) expect(s).toBe(s.toLowerCase());
    }
  });

  it('match specific Google agents before Googlebot', () => {
    expect(matchCrawlerFamily('AdsBot-Google-Mobile (+http://www.google.com/mobile/adsbot.html)')?.id).toBe(
      'google_special',
    );
    expect(matchCrawlerFamily('Googlebot-Image/1.0')?.id).toBe('googlebot');
    expect(matchCrawlerFamily('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/150.0')).toBeUndefined();
  });
});
