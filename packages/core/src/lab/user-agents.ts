/**
 * User agents the lab's clients send: current browsers (late 2026 versions, in the shapes real browsers
 * send them, including Chrome's reduced UA), the real crawler and monitor strings, and the automation and
 * scanner strings abuse tools send.
 */
import type { Rng } from './prng.js';

const WINDOWS = 'Windows NT 10.0; Win64; x64';
const MACOS = 'Macintosh; Intel Mac OS X 10_15_7';
const ANDROID_MODELS = ['K', 'K', 'K', 'SM-S928B', 'Pixel 9'];

/** A current browser UA, drawn with market-share-like weights. */
export function browserUserAgent(rng: Rng): string {
  const chrome = rng.int(140, 143);
  const kind = rng.weighted(
    ['chrome-win', 'chrome-mac', 'chrome-android', 'safari-ios', 'safari-mac', 'edge', 'firefox', 'samsung'],
    [30, 10, 22, 18, 5, 7, 6, 2],
  );
  switch (kind) {
    case 'chrome-win':
      return `Mozilla/5.0 (${WINDOWS}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Safari/537.36`;
    case 'chrome-mac':
      return `Mozilla/5.0 (${MACOS}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Safari/537.36`;
    case 'chrome-android':
      return `Mozilla/5.0 (Linux; Android 10; ${rng.pick(ANDROID_MODELS)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Mobile Safari/537.36`;
    case 'safari-ios': {
      const v = rng.pick(['26.0', '26.1', '18.6', '26.1']);
      const os = v.startsWith('26') ? '18_6' : '18_6_2';
      const device = rng.chance(0.85) ? 'iPhone; CPU iPhone OS' : 'iPad; CPU OS';
      return `Mozilla/5.0 (${device} ${os} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Mobile/15E148 Safari/604.1`;
    }
    case 'safari-mac':
      return `Mozilla/5.0 (${MACOS}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${rng.pick(['26.0', '26.1'])} Safari/605.1.15`;
    case 'edge':
      return `Mozilla/5.0 (${WINDOWS}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Safari/537.36 Edg/${chrome}.0.${rng.int(1000, 3600)}.${rng.int(10, 99)}`;
    case 'firefox': {
      const ff = rng.int(143, 145);
      const os = rng.chance(0.7) ? WINDOWS : rng.chance(0.5) ? 'X11; Linux x86_64' : 'Macintosh; Intel Mac OS X 10.15';
      return `Mozilla/5.0 (${os}; rv:${ff}.0) Gecko/20100101 Firefox/${ff}.0`;
    }
    default:
      return `Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/${chrome - 8}.0.0.0 Mobile Safari/537.36`;
  }
}

/** The standard-issue browser of a company's laptops (an office shares one or two builds). */
export function corporateUserAgent(rng: Rng): string {
  const chrome = rng.int(141, 142);
  return rng.chance(0.6)
    ? `Mozilla/5.0 (${WINDOWS}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Safari/537.36 Edg/${chrome}.0.3595.${rng.int(50, 80)}`
    : `Mozilla/5.0 (${WINDOWS}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Safari/537.36`;
}

export const GOOGLEBOT_DESKTOP_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
export const GOOGLEBOT_SMARTPHONE_UA =
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.7444.59 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
export const BINGBOT_UA =
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36';
export const UPTIMEROBOT_UA = 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)';

export const PYTHON_REQUESTS_UAS = ['python-requests/2.32.3', 'python-requests/2.31.0', 'python-requests/2.32.4'];
export const HEADLESS_CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/141.0.7390.122 Safari/537.36';
export const SCANNER_UAS = [
  'Mozilla/5.0 zgrab/0.x',
  'Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)',
  'Go-http-client/1.1',
  'curl/8.5.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.124 Safari/537.36',
];
export const HTTP_LIBRARY_UAS = [
  'python-requests/2.32.3',
  'Go-http-client/2.0',
  'axios/1.7.9',
  'okhttp/4.12.0',
  'curl/8.7.1',
];
