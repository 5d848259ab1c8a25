/**
 * User feeds of ASNs or CIDRs with a network type (`enrich.feeds`): the file name each is stored under
 * in the data dir, the parsers for their text, and loading them for the classifier. `rampart update-data`
 * downloads them; nothing here touches the network. A missing file (before the first update) is normal
 * and reported, not an error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedConfig } from '../../config/enrich-config.js';
import { CidrSet } from '../../net/cidr.js';
import type { AsnFeed, CidrFeed } from './network-type-classifier.js';

/** Folder inside the data dir that holds downloaded feeds. */
export const FEEDS_DIR = 'feeds';

/** Stable file name of a feed: its `name`, or one derived from the URL's host and path. */
export function feedName(feed: Pick<FeedConfig, 'url' | 'name'>): string {
  if (feed.name) return feed.name;
  const stripped = feed.url.replace(/^https?:\/\//i, '').replace(/[?#].*$/, '');
  return (
    stripped
      .replace(/[^A-Za-z0-9_.-]+/g, '_')
      .replace(/^[._]+|[._]+$/g, '')
      .slice(0, 96) || 'feed'
  );
}

export function feedPath(dataDir: string, feed: Pick<FeedConfig, 'url' | 'name'>): string {
  return join(dataDir, FEEDS_DIR, `${feedName(feed)}.txt`);
}

function firstToken(line: string): string {
  const hash = line.indexOf('#');
  const body = (hash >= 0 ? line.slice(0, hash) : line).trim();
  const m = /^[^\s,;]+/.exec(body);
  return m ? m[0] : '';
}

/**
 * ASNs from lines like 'AS64496 # comment', '64496', '64496,"Name"' and CSV rows with the number quoted
 * ('"64496","Name"', as brianhama/bad-asn-list writes most of its rows); other lines are counted as invalid.
 */
export function parseAsnList(text: string): { asns: Set<number>; invalid: number } {
  const asns = new Set<number>();
  let invalid = 0;
  for (const line of text.split('\n')) {
    const tok = firstToken(line);
    if (tok === '' || tok.startsWith('//')) continue;
    const m = /^"?(?:AS)?(\d{1,10})"?$/i.exec(tok);
    const n = m ? Number(m[1]) : Number.NaN;
    if (n > 0 && n <= 0xffffffff) asns.add(n);
    else invalid++;
  }
  return { asns, invalid };
}

/** CIDRs (or bare addresses) one a line; host bits are cleared; other lines are counted as invalid. */
export function parseCidrList(text: string): { cidrs: CidrSet; invalid: number } {
  const tokens = text
    .split('\n')
    .map(firstToken)
    .filter((t) => t !== '' && !t.startsWith('//'));
  const { set, invalid } = CidrSet.fromStrings(tokens);
  return { cidrs: set, invalid: invalid.length };
}

/** Validates a downloaded feed body before it replaces the stored file. */
export function checkFeedText(
  kind: FeedConfig['kind'],
  text: string,
): { ok: true; entries: number } | { ok: false; reason: string } {
  const r = kind === 'asn-list' ? parseAsnList(text) : parseCidrList(text);
  const entries = 'asns' in r ? r.asns.size : r.cidrs.size;
  if (entries === 0) return { ok: false, reason: `no ${kind === 'asn-list' ? 'ASNs' : 'networks'} in the response` };
  return { ok: true, entries };
}

export interface LoadedFeeds {
  readonly asnFeeds: AsnFeed[];
  readonly cidrFeeds: CidrFeed[];
  /** Feeds with no file yet ("run rampart update-data") or an unreadable one. */
  readonly missing: string[];
}

export function loadFeeds(feeds: readonly FeedConfig[], dataDir: string | undefined): LoadedFeeds {
  const out: LoadedFeeds = { asnFeeds: [], cidrFeeds: [], missing: [] };
  if (feeds.length === 0) return out;
  for (const feed of feeds) {
    const name = feedName(feed);
    let text: string;
    try {
      if (dataDir === undefined) throw new Error('no data dir');
      text = readFileSync(feedPath(dataDir, feed), 'utf8');
    } catch {
      out.missing.push(name);
      continue;
    }
    if (feed.kind === 'asn-list') out.asnFeeds.push({ name, type: feed.networkType, asns: parseAsnList(text).asns });
    else out.cidrFeeds.push({ name, type: feed.networkType, cidrs: parseCidrList(text).cidrs });
  }
  return out;
}
