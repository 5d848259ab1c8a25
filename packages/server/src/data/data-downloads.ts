/**
 * Everything `rampart update-data` can refresh, as one list of `ReferenceDownload`s: the crawler ranges
 * published by their operators, the current browser versions, and the user's network-type feeds from
 * `enrich.feeds`. Adding a kind of download: write a provider `(config) => ReferenceDownload[]` and add it
 * to `DOWNLOAD_PROVIDERS`.
 * Nothing here fetches; `download-runner.ts` does.
 */
import {
  browserVersionsDownload,
  checkFeedText,
  crawlerRangeDownloads,
  type EnrichConfig,
  FEEDS_DIR,
  feedName,
  type ReferenceDownload,
} from '@rampart/core';

export type DownloadProvider = (config: EnrichConfig) => ReferenceDownload[];

/** The user's feeds: one URL each, stored as fetched once it parses to at least one entry. */
export function feedDownloads(config: EnrichConfig): ReferenceDownload[] {
  return config.feeds.map((feed) => ({
    name: `feed:${feedName(feed)}`,
    urls: [feed.url],
    targetFile: `${FEEDS_DIR}/${feedName(feed)}.txt`,
    parse: (bodies) => {
      const body = bodies[0] ?? '';
      const check = checkFeedText(feed.kind, body);
      return check.ok ? { ok: true, content: body } : check;
    },
  }));
}

export const DOWNLOAD_PROVIDERS: readonly DownloadProvider[] = [
  () => crawlerRangeDownloads(),
  () => [browserVersionsDownload()],
  feedDownloads,
];

export function dataDownloads(config: EnrichConfig): ReferenceDownload[] {
  return DOWNLOAD_PROVIDERS.flatMap((p) => p(config));
}
