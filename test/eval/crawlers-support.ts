/** Helpers for the crawler verification tests: an `IpInfo` as the IP enricher would give, and UA infos. */
import { classifyUserAgent, type IpInfo, type UaInfo } from '@rampart/core';

export function netOf(ip: string, asn?: number, scope: IpInfo['scope'] = 'public'): IpInfo {
  return {
    ip,
    version: ip.includes(':') ? 6 : 4,
    scope,
    asn,
    org: undefined,
    prefix: undefined,
    country: undefined,
    networkType: 'unknown',
    sources: {},
  };
}

export const GOOGLEBOT_UA: UaInfo = classifyUserAgent(
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
);
export const BINGBOT_UA: UaInfo = classifyUserAgent(
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
);
export const APPLEBOT_UA: UaInfo = classifyUserAgent(
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1)',
);
export const YANDEX_UA: UaInfo = classifyUserAgent('Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)');
export const CLAUDEBOT_UA: UaInfo = classifyUserAgent(
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
);
