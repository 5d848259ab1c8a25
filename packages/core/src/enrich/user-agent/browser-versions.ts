/**
 * Current browser versions and the "outdated" policy: a browser is outdated when its major is more than
 * `maxBehind` releases behind its family's current major (`maxBehind: -1` means every version is, e.g.
 * retired Internet Explorer). Safari counts releases, not numbers: 18 was followed by 26.
 */
import { readFileSync } from 'node:fs';
import bundled from './browser-versions.json' with { type: 'json' };

export interface BrowserVersionPolicy {
  readonly current: number;
  readonly maxBehind: number;
}

export interface BrowserVersions {
  /** Day the current versions were last checked (YYYY-MM-DD). */
  readonly date: string;
  readonly source: string;
  /** Keyed by canonical family: Chrome, Edge, Firefox, Safari, Opera, Samsung Browser, IE. */
  readonly families: Readonly<Record<string, BrowserVersionPolicy>>;
}

export const BUNDLED_BROWSER_VERSIONS: BrowserVersions = bundled;

/** Validates a parsed versions document; anything malformed yields undefined. */
export function toBrowserVersions(value: unknown): BrowserVersions | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { date?: unknown; source?: unknown; families?: unknown };
  if (typeof v.date !== 'string' || typeof v.families !== 'object' || v.families === null) return undefined;
  const families: Record<string, BrowserVersionPolicy> = {};
  for (const [name, p] of Object.entries(v.families as Record<string, unknown>)) {
    const { current, maxBehind } = (p ?? {}) as { current?: unknown; maxBehind?: unknown };
    if (!Number.isInteger(current) || !Number.isInteger(maxBehind)) return undefined;
    families[name] = { current: current as number, maxBehind: maxBehind as number };
  }
  return { date: v.date, source: typeof v.source === 'string' ? v.source : '', families };
}

/** Reads a versions file written by `update-data`; falls back to the bundled table when absent or bad. */
export function loadBrowserVersions(path: string): { versions: BrowserVersions; error: string | undefined } {
  try {
    const parsed = toBrowserVersions(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed) return { versions: parsed, error: undefined };
    return { versions: BUNDLED_BROWSER_VERSIONS, error: `${path}: not a browser-versions document` };
  } catch (err) {
    return { versions: BUNDLED_BROWSER_VERSIONS, error: `${path}: ${(err as Error).message}` };
  }
}

/** Safari jumped from 18 to 26 (2025); count releases so 18 is one behind 26. */
function releaseIndex(family: string, major: number): number {
  return family === 'Safari' && major >= 26 ? major - 7 : major;
}

/** True when `major` is more than the allowed number of releases behind the family's current one. */
export function isOutdated(versions: BrowserVersions, family: string, major: number): boolean {
  const policy = versions.families[family];
  if (!policy) return false;
  if (policy.maxBehind < 0) return true;
  return releaseIndex(family, policy.current) - releaseIndex(family, major) > policy.maxBehind;
}
