/**
 * Turns detector candidates into findings and keeps one finding per (detector, service, entity,
 * category): a later tick updates it (last seen, requests, evidence, members; score and signals when they
 * got stronger) instead of adding a duplicate. Applies the rules no detector may bypass: a verified
 * crawler is never reported as abuse (only `flood`, capped at throttle), and `maxAction` caps the action.
 */
import type { RecommendInput } from '../../decide/recommend.js';
import type { Candidate } from '../detector.js';
import type { Finding, FindingEnrichment, Recommendation } from '../finding.js';
import { fnv1a } from './sketch.js';

export type RecommendFn = (input: RecommendInput) => Recommendation;

/** A key whose traffic is mostly a verified crawler is treated as that crawler. */
const CRAWLER_SHARE = 0.5;
/** An address seen with this many distinct user agents is shared (CGNAT, office NAT). */
const SHARED_UAS = 12;

const ACTION_RANK = { monitor: 0, report: 1, throttle: 2, ban: 3 } as const;
/** A later evaluation replaces the explanation unless its score dropped by more than this. */
const WEAKER_BY = 0.15;

export class FindingStore {
  private readonly byKey = new Map<string, Finding>();
  private changed = new Set<string>();
  suppressedCrawler = 0;

  constructor(private readonly recommend: RecommendFn) {}

  upsert(detector: string, service: string, c: Candidate): void {
    const st = c.stats;
    const crawlerShare = st.verifiedCrawlerShare();
    if (crawlerShare >= CRAWLER_SHARE && c.category !== 'flood') {
      this.suppressedCrawler++;
      return;
    }
    const score = clamp01(c.score ?? 1 - c.signals.reduce((p, s) => p * (1 - s.weight), 1));
    const key = `${detector}\u0000${service}\u0000${c.entity.kind}\u0000${c.entity.value}\u0000${c.category}`;
    const old = this.byKey.get(key);
    const lastSeen = iso(st.last);
    const evidence = (c.evidence ?? st.evidence ?? []).slice(0, 5);
    const ips = c.ips ?? (c.entity.kind === 'ip' ? undefined : st.kind === 'ip' ? [st.addr] : st.memberSample?.slice());
    if (old !== undefined && score < old.score - WEAKER_BY) {
      // Clearly weaker than what was already reported (a ratio diluted by later traffic): keep the
      // explanation that justified the finding, refresh the figures.
      this.byKey.set(key, { ...old, last_seen: lastSeen, requests: st.n, evidence, ips, enrichment: enrichmentOf(c) });
      this.changed.add(key);
      return;
    }
    const net = c.entity.kind === 'ip' || c.entity.kind === 'cidr' || c.entity.kind === 'asn' ? st.net : undefined;
    // Same score as already reported: the recommendation cannot have changed (the network is the key's).
    // The reported score never goes down: a key's ratios dilute as it sends more ordinary traffic.
    const reported = round3(old === undefined ? score : Math.max(score, old.score));
    let recommendation: Recommendation;
    if (old !== undefined && reported === old.score) recommendation = old.recommendation;
    else {
      recommendation = this.recommend({
        category: c.category,
        entity: c.entity,
        score: reported,
        net,
        crawler: crawlerShare >= CRAWLER_SHARE ? st.crawler : undefined,
        sharedAddress: c.entity.kind === 'ip' && st.uas.estimate() >= SHARED_UAS,
      });
      const cap = crawlerShare >= CRAWLER_SHARE ? 'throttle' : c.maxAction;
      if (cap !== undefined && ACTION_RANK[recommendation.action] > ACTION_RANK[cap]) {
        recommendation = { ...recommendation, action: cap, ttlSeconds: cap === 'monitor' ? undefined : 3600 };
      }
    }
    if (c.entity.kind === 'campaign') {
      // A campaign is acted on through its members, not its id.
      recommendation = { ...recommendation, target: `the ${ips?.length ?? 0} member addresses of ${c.entity.value}` };
    }
    const first = old?.first_seen ?? iso(st.first);
    const finding: Finding = {
      id:
        old?.id ??
        `f_${fnv1a(key).toString(16).padStart(8, '0')}${fnv1a(`${key}${first}`).toString(16).padStart(8, '0')}`,
      detector,
      service,
      entity: c.entity,
      category: c.category,
      score: reported,
      confidence: c.confidence,
      summary: c.summary,
      signals: c.signals,
      recommendation,
      enrichment: enrichmentOf(c),
      first_seen: first,
      last_seen: lastSeen,
      requests: st.n,
      evidence,
      ips,
    };
    this.byKey.set(key, finding);
    this.changed.add(key);
  }

  /** Findings created or updated since the previous call. */
  takeChanged(): Finding[] {
    const out = [...this.changed].map((k) => this.byKey.get(k)!);
    this.changed = new Set();
    return out;
  }

  all(): Finding[] {
    return [...this.byKey.values()];
  }
}

function enrichmentOf(c: Candidate): FindingEnrichment {
  const groupless = c.entity.kind === 'ip' || c.entity.kind === 'cidr' || c.entity.kind === 'asn';
  const net = groupless ? c.stats.net : undefined;
  const crawler = c.stats.crawler;
  return {
    asn: net?.asn,
    org: net?.org,
    country: net?.country,
    networkType: net?.networkType,
    prefix: net?.prefix,
    abuseContact: undefined,
    crawler: crawler === undefined ? undefined : { family: crawler.family, verified: crawler.verified },
  };
}

function iso(sec: number): string {
  return new Date(sec * 1000).toISOString();
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
