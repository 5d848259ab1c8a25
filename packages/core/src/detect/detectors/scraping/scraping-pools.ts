/**
 * Fingerprint pools for distributed scraping: page requests from addresses that loaded no static asset
 * are grouped by (user agent, path template). A pool whose members keep loading no assets, are many,
 * and together fetch many distinct pages is a scraping campaign. Bounded: at most 20,000 pools and
 * 5,000 members each; small stale pools are dropped at evaluation.
 */
import type { EnrichedEvent } from '../../../event/enriched-event.js';
import { detachString } from '../../../util/detach-string.js';
import { type Candidate, confidenceFrom, type EvaluationContext, signal } from '../../detector.js';
import { KeyStats } from '../../engine/key-stats.js';
import { DistinctSketch } from '../../engine/sketch.js';
import type { EventFeatures } from '../../features/event-features.js';

const MAX_POOLS = 20_000;
const MAX_MEMBERS = 5_000;
const STALE = 3600;

interface Pool {
  readonly template: string;
  readonly ua: string;
  readonly members: Map<string, KeyStats>;
  readonly paths: DistinctSketch;
  pages: number;
  first: number;
  last: number;
  stats: KeyStats | undefined;
}

export class PoolTracker {
  private readonly pools = new Map<number, Pool>();
  private lastEval = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly minMembers: number,
    private readonly minPages: number,
    private readonly minUnique: number,
  ) {}

  observe(e: EnrichedEvent, f: EventFeatures, ip: KeyStats): void {
    const key = (Math.imul(f.uaHash, 31) ^ f.templateHash) >>> 0;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      if (this.pools.size >= MAX_POOLS) return;
      pool = {
        template: f.template,
        ua: detachString(e.req.userAgent),
        members: new Map(),
        paths: new DistinctSketch(),
        pages: 0,
        first: ip.last,
        last: ip.last,
        stats: undefined,
      };
      this.pools.set(key, pool);
    }
    pool.pages++;
    pool.last = ip.last;
    pool.paths.addHash(f.pathHash);
    if (pool.members.size < MAX_MEMBERS) pool.members.set(ip.key, ip);
  }

  evaluate(ev: EvaluationContext, service: string, assetless: (ks: KeyStats) => boolean): Candidate[] {
    const now = Math.floor(ev.now / 1000);
    const out: Candidate[] = [];
    if (now - this.lastEval < 600 && !ev.final) return out;
    this.lastEval = now;
    for (const [key, pool] of this.pools) {
      if (pool.members.size < 3 && pool.last < now - STALE) {
        this.pools.delete(key);
        continue;
      }
      if (pool.members.size < this.minMembers || pool.pages < this.minPages) continue;
      const members = [...pool.members.values()].filter((m) => assetless(m) && m.crawlerVerifiedN === 0);
      if (members.length < this.minMembers) continue;
      const unique = Math.min(1, pool.paths.estimate() / pool.pages);
      if (unique < this.minUnique) continue;
      const stats = pool.stats ?? new KeyStats('ip', `scraping:${service}:${key.toString(16)}`, pool.first);
      pool.stats = stats;
      stats.n = members.reduce((s, m) => s + m.n, 0);
      stats.last = pool.last;
      const ips = [...new Set(members.map((m) => m.addr))].sort();
      const evidence = members.flatMap((m) => m.evidence?.slice(0, 1) ?? []).slice(0, 5);
      out.push({
        entity: { kind: 'campaign', value: `scraping:${service}:${pool.template}:${key.toString(16)}` },
        category: 'scraping',
        signals: [
          signal(
            'pool_members',
            members.length,
            '>=',
            this.minMembers,
            0.5,
            '24h',
            'addresses sharing the user agent and path template, none loading assets',
          ),
          signal('pool_pages', pool.pages, '>=', this.minPages, 0.3, '24h', 'pages the pool fetched'),
          signal(
            'pool_unique_path_ratio',
            unique,
            '>=',
            this.minUnique,
            0.3,
            '24h',
            'distinct paths per page request across the pool',
          ),
        ],
        confidence: confidenceFrom(members.length, this.minMembers),
        summary: `${members.length} addresses with the same user agent fetched ${pool.pages} '${pool.template}' pages (${pool.paths.estimate()} distinct) without loading any asset: a distributed scraper.`,
        stats,
        ips,
        evidence,
      });
    }
    return out;
  }
}
