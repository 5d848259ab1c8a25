/**
 * The `update-data` download that refreshes current browser majors: Chrome from Chromium Dash, Firefox from
 * Mozilla's product-details, Edge from Microsoft's Edge update feed. Safari, Opera, Samsung Internet and IE
 * publish no such feed and keep the bundled values; the outdated policy (`maxBehind`) is never downloaded.
 */
import type { ReferenceDownload, ReferenceParseResult } from '../crawlers/reference-download.js';
import { type BrowserVersionPolicy, type BrowserVersions, BUNDLED_BROWSER_VERSIONS } from './browser-versions.js';

export const BROWSER_VERSIONS_FILE = 'browser-versions.json';

export const BROWSER_VERSION_URLS = [
  'https://chromiumdash.appspot.com/fetch_releases?channel=Stable&platform=Windows&num=1',
  'https://product-details.mozilla.org/1.0/firefox_versions.json',
  'https://edgeupdates.microsoft.com/api/products',
] as const;

export function browserVersionsDownload(base: BrowserVersions = BUNDLED_BROWSER_VERSIONS): ReferenceDownload {
  return {
    name: 'browser-versions',
    urls: BROWSER_VERSION_URLS,
    targetFile: BROWSER_VERSIONS_FILE,
    parse: (bodies) => mergeVersions(base, bodies),
  };
}

function mergeVersions(base: BrowserVersions, bodies: readonly string[]): ReferenceParseResult {
  const found: Record<string, number | undefined> = {
    Chrome: readJson(bodies[0], (d) => majorOf((d as Array<{ version?: unknown }>)[0]?.version)),
    Firefox: readJson(bodies[1], (d) => majorOf((d as { LATEST_FIREFOX_VERSION?: unknown }).LATEST_FIREFOX_VERSION)),
    Edge: readJson(bodies[2], edgeStable),
  };
  const families: Record<string, BrowserVersionPolicy> = { ...base.families };
  const updated: string[] = [];
  for (const [family, current] of Object.entries(found)) {
    const policy = families[family];
    // A feed that went backwards or vanished is ignored, never allowed to lower the current version.
    if (!policy || current === undefined || current < policy.current) continue;
    families[family] = { ...policy, current };
    updated.push(family);
  }
  if (updated.length === 0) return { ok: false, reason: 'no browser version feed could be read' };
  const doc: BrowserVersions = {
    date: new Date().toISOString().slice(0, 10),
    source: `update-data: ${updated.join(', ')} from their release feeds; others bundled`,
    families,
  };
  return { ok: true, content: `${JSON.stringify(doc, null, 2)}\n` };
}

function readJson(body: string | undefined, pick: (doc: unknown) => number | undefined): number | undefined {
  if (body === undefined) return undefined;
  try {
    return pick(JSON.parse(body));
  } catch {
    return undefined;
  }
}

function majorOf(version: unknown): number | undefined {
  if (typeof version !== 'string') return undefined;
  const n = Number.parseInt(version, 10);
  return Number.isInteger(n) && n > 0 && n < 10_000 ? n : undefined;
}

function edgeStable(doc: unknown): number | undefined {
  if (!Array.isArray(doc)) return undefined;
  const stable = doc.find((p) => (p as { Product?: unknown })?.Product === 'Stable') as
    | { Releases?: unknown }
    | undefined;
  if (!Array.isArray(stable?.Releases)) return undefined;
  let best: number | undefined;
  for (const r of stable.Releases as Array<{ ProductVersion?: unknown }>) {
    const m = majorOf(r?.ProductVersion);
    if (m !== undefined && (best === undefined || m > best)) best = m;
  }
  return best;
}
