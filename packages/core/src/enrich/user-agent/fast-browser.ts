/**
 * Fast path for the canonical user agents of the mainstream browsers (most real traffic), recognised by
 * anchored, linear regexes instead of the general parsers (ua-parser-js costs ~45 µs on such strings). A
 * string with anything beyond the canonical form (an appended token, a bot word in the platform comment)
 * does not match and takes the general path, so bots cannot hide behind this shortcut any better than
 * behind a plain browser string.
 */

export interface FastBrowser {
  readonly family: string;
  readonly major: number;
}

// [^()]* keeps each pattern linear: no nested quantifiers, anchored at both ends.
const CHROMIUM =
  /^Mozilla\/5\.0 \(([^()]*)\) AppleWebKit\/537\.36 \(KHTML, like Gecko\) Chrome\/(\d+)[\d.]* (?:Mobile )?Safari\/537\.36(?: (Edg|OPR)\/(\d+)[\d.]*)?$/;
const CHROME_IOS =
  /^Mozilla\/5\.0 \(([^()]*)\) AppleWebKit\/605\.1\.15 \(KHTML, like Gecko\) (CriOS|FxiOS|EdgiOS)\/(\d+)[\d.]* Mobile\/\w+ Safari\/[\d.]+$/;
const SAFARI =
  /^Mozilla\/5\.0 \(([^()]*)\) AppleWebKit\/605\.1\.15 \(KHTML, like Gecko\) Version\/(\d+)[\d.]* (?:Mobile\/\w+ )?Safari\/[\d.]+$/;
const FIREFOX = /^Mozilla\/5\.0 \(([^()]*rv:[\d.]+)\) Gecko\/[\d.]+ Firefox\/(\d+)\.[\d.]*$/;
// Every '; '-separated part of the platform comment must be one of these, or the general path decides:
// monitoring agents and bots write their names there ('X11; Linux x86_64; Catchpoint').
const PLATFORM_PART =
  /^(?:Windows NT \d+\.\d+|Win64|x64|WOW64|Macintosh|Intel Mac OS X [\d_.]+|X11|Linux(?: (?:x86_64|i686|aarch64|armv\w+))?|Ubuntu|Fedora|CrOS \w+ [\d.]+|Android(?: [\d.]+)?|K|U|wv|iPhone|iPad|iPod(?: touch)?|CPU (?:iPhone )?OS [\d_]+ like Mac OS X|rv:[\d.]+|[a-z]{2}(?:[-_][A-Za-z]{2})?|Mobile|Tablet|arm_64|[\w.-]+(?: [\w.-]+){0,3} Build\/[\w.-]+|SM-\w+|Pixel \d+\w*(?: Pro| XL| a)?)$/;

function plainPlatform(comment: string): boolean {
  for (const part of comment.split('; ')) if (!PLATFORM_PART.test(part)) return false;
  return true;
}
const IOS_FAMILY: Readonly<Record<string, string>> = { CriOS: 'Chrome', FxiOS: 'Firefox', EdgiOS: 'Edge' };
const CHROMIUM_FAMILY: Readonly<Record<string, string>> = { Edg: 'Edge', OPR: 'Opera' };

/** Family and major of a canonical mainstream browser string, or undefined (take the general path). */
export function fastBrowser(ua: string): FastBrowser | undefined {
  if (ua.charCodeAt(0) !== 77 /* M */) return undefined;
  let m = CHROMIUM.exec(ua);
  if (m) {
    if (!plainPlatform(m[1]!)) return undefined;
    return m[3] ? { family: CHROMIUM_FAMILY[m[3]]!, major: Number(m[4]) } : { family: 'Chrome', major: Number(m[2]) };
  }
  m = SAFARI.exec(ua);
  if (m) return !plainPlatform(m[1]!) ? undefined : { family: 'Safari', major: Number(m[2]) };
  m = FIREFOX.exec(ua);
  if (m) return !plainPlatform(m[1]!) ? undefined : { family: 'Firefox', major: Number(m[2]) };
  m = CHROME_IOS.exec(ua);
  if (m) return !plainPlatform(m[1]!) ? undefined : { family: IOS_FAMILY[m[2]!]!, major: Number(m[3]) };
  return undefined;
}
