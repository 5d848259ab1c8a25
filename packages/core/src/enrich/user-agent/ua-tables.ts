/**
 * Rampart's own user-agent tables: security scanners and HTTP libraries/automation tools, each a family
 * name and a pattern. Patterns are plain alternations of literal tokens (no nested quantifiers), compiled
 * into one regex per table so a classification costs one scan per table.
 */

export type UaTable = ReadonlyArray<readonly [family: string, pattern: string]>;

/** Security and internet-wide scanners. Checked before crawlers: many also match generic bot patterns. */
export const SCANNERS: UaTable = [
  ['zgrab', 'zgrab'],
  ['Nuclei', 'nuclei'],
  ['sqlmap', 'sqlmap'],
  ['Nikto', 'nikto'],
  ['masscan', 'masscan'],
  ['Nmap', 'nmap scripting engine|\\bnmap\\b'],
  ['WPScan', 'wpscan'],
  ['DirBuster', 'dirbuster'],
  ['gobuster', 'gobuster'],
  ['ffuf', 'fuzz faster u fool|\\bffuf\\b'],
  ['wfuzz', 'wfuzz'],
  ['feroxbuster', 'feroxbuster'],
  ['dirsearch', 'dirsearch'],
  ['Acunetix', 'acunetix'],
  ['Nessus', 'nessus'],
  ['OpenVAS', 'openvas|greenbone'],
  ['Burp Suite', 'burpsuite|burp collaborator|\\bburp\\b'],
  ['Qualys', 'qualys'],
  ['ZmEu', 'zmeu'],
  ['Censys', 'censys'],
  ['Expanse', 'expanse, a palo alto networks|\\bexpanse\\b|paloaltonetworks'],
  ['Shodan', 'shodan'],
  ['LeakIX', 'leakix|l9explore|l9tcpid'],
  ['InternetMeasurement', 'internetmeasurement|driftnet'],
  ['ModatScanner', 'modatscanner'],
  ['Arachni', 'arachni'],
  ['w3af', 'w3af'],
  ['Netsparker', 'netsparker|invicti'],
  ['AppScan', 'appscan'],
  ['Detectify', 'detectify'],
  ['commix', 'commix'],
  ['Havij', 'havij'],
  ['fimap', 'fimap'],
  ['WhatWeb', 'whatweb'],
  ['Wappalyzer', 'wappalyzer'],
  ['Jorgee', 'jorgee'],
  ['Morfeus', 'morfeus'],
  ['muieblackcat', 'muieblackcat'],
  ['Zollard', 'zollard'],
  ['NetSystemsResearch', 'netsystemsresearch'],
  ['httpx (ProjectDiscovery)', 'projectdiscovery'],
  ['Xray', '\\bxray\\b'],
  ['Vega', '\\bvega/'],
  ['BFAC', '\\bbfac\\b'],
  ['Hello World botnet', '^hello,? world'],
];

/** HTTP client libraries, command-line tools and browser-automation markers. */
export const LIBRARIES: UaTable = [
  ['curl', '\\bcurl/|libcurl'],
  ['Wget', '\\bwget/'],
  ['python-requests', 'python-requests'],
  ['python-urllib', 'python-urllib|urllib3'],
  ['aiohttp', 'aiohttp'],
  ['httpx', 'python-httpx'],
  ['Go-http-client', 'go-http-client|\\bgo-resty|fasthttp'],
  ['okhttp', 'okhttp'],
  ['Apache-HttpClient', 'apache-httpclient|commons-httpclient|apache-httpasyncclient'],
  ['Java', '^java/|\\bjava-http-client|\\bjava/\\d|reactor-netty|\\bahc/|vert\\.x-webclient'],
  ['axios', '\\baxios/'],
  ['node-fetch', 'node-fetch'],
  ['undici', '\\bundici|^node$'],
  ['got', '^got \\(|\\bgot/\\d'],
  ['superagent', 'superagent'],
  ['libwww-perl', 'libwww-perl|lwp::simple|\\blwp-'],
  ['Guzzle', 'guzzlehttp|\\bguzzle/'],
  ['PHP', '^php/|\\bphp-curl'],
  ['Ruby', '^ruby\\b|faraday|rest-client|typhoeus|http\\.rb|\\bmechanize'],
  ['Scrapy', 'scrapy'],
  ['HeadlessChrome', 'headlesschrome'],
  ['PhantomJS', 'phantomjs'],
  ['Puppeteer', 'puppeteer'],
  ['Playwright', 'playwright'],
  ['Selenium', 'selenium|webdriver'],
  ['HTTPie', 'httpie'],
  ['Postman', 'postmanruntime'],
  ['Insomnia', '^insomnia/'],
  ['.NET HttpClient', '^restsharp|\\.net http|^microsoft\\.net|winhttp'],
  ['Deno', '^deno/'],
  ['Bun', '^bun/'],
  ['reqwest', '^reqwest|\\bhyper/'],
  ['Dart', '^dart/|dart:io'],
  ['colly', 'colly'],
  ['HTTrack', 'httrack'],
  ['lua-resty-http', 'lua-resty-http'],
  ['Apache Bench', 'apachebench'],
  ['wrk/hey/k6', '^wrk\\b|^hey/|\\bk6/|locust|jmeter|gatling'],
];

export interface CompiledTable {
  /** The family whose pattern matches, or undefined. */
  match(ua: string): string | undefined;
}

/** One case-insensitive regex with a capture group per family; the matching group names the family. */
export function compileTable(table: UaTable): CompiledTable {
  const re = new RegExp(table.map(([, p]) => `(${p})`).join('|'), 'i');
  const families = table.map(([f]) => f);
  return {
    match(ua) {
      const m = re.exec(ua);
      if (!m) return undefined;
      for (let i = 1; i < m.length; i++) if (m[i] !== undefined) return families[i - 1];
      return undefined;
    },
  };
}
