/**
 * Loaders for the user-agent reference sets in ../shared/data (read at test time, never copied): isbot's
 * crawler and browser fixtures, monperrus' crawler instances, Intoli's real browser list, top-user-agents
 * and uap-core's labelled test UAs.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { sharedPath } from '../support/shared-data.js';

function text(relative: string): string {
  const buf = readFileSync(sharedPath(relative));
  return relative.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

/** isbot fixture files: `Name: [ua, …]` maps. */
function fixtureList(relative: string): string[] {
  const doc = parse(text(relative)) as Record<string, unknown>;
  return Object.values(doc).flatMap((v) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [],
  );
}

export const isbotCrawlers = (): string[] => fixtureList('reference/bot_user_agents/isbot/fixtures_crawlers.yml');
export const isbotBrowsers = (): string[] => fixtureList('reference/browser_user_agents/isbot_fixtures_browsers.yml');

export function monperrusCrawlers(): string[] {
  const doc = JSON.parse(text('reference/bot_user_agents/monperrus_crawler-user-agents.json')) as Array<{
    instances?: string[];
  }>;
  return doc.flatMap((d) => d.instances ?? []);
}

export function intoliBrowsers(): Array<{ ua: string; weight: number }> {
  const doc = JSON.parse(text('reference/browser_user_agents/intoli_user-agents_2.1.198.json.gz')) as Array<{
    userAgent: string;
    weight: number;
  }>;
  return doc.map((d) => ({ ua: d.userAgent, weight: d.weight }));
}

export function topUserAgents(): string[] {
  return ['desktop', 'mobile'].flatMap(
    (k) => JSON.parse(text(`reference/browser_user_agents/top-user-agents_${k}.json`)) as string[],
  );
}

export interface LabelledUa {
  readonly ua: string;
  readonly family: string;
  readonly major: number | undefined;
}

export function uapCoreLabelled(): LabelledUa[] {
  const doc = parse(text('reference/browser_user_agents/uap-core_test_ua.yaml.gz')) as {
    test_cases: Array<{ user_agent_string: string; family: string; major: string | null }>;
  };
  return doc.test_cases.map((c) => ({
    ua: c.user_agent_string,
    family: c.family,
    major: c.major == null ? undefined : Number.parseInt(c.major, 10),
  }));
}

/** uap-core family names → the families Rampart's outdated policy knows. */
export const UAP_CANONICAL: Readonly<Record<string, string>> = {
  Chrome: 'Chrome',
  'Chrome Mobile': 'Chrome',
  'Chrome Mobile WebView': 'Chrome',
  'Chrome Mobile iOS': 'Chrome',
  Chromium: 'Chrome',
  Firefox: 'Firefox',
  'Firefox Mobile': 'Firefox',
  'Firefox iOS': 'Firefox',
  Safari: 'Safari',
  'Mobile Safari': 'Safari',
  Edge: 'Edge',
  'Edge Mobile': 'Edge',
  Opera: 'Opera',
  'Samsung Internet': 'Samsung Browser',
  IE: 'IE',
  'IE Mobile': 'IE',
};
