/**
 * Turns a finding's category, score and the network behind it into the right action for who is behind
 * the traffic (docs/decisions.md, "Recommendation rules"):
 * - verified crawler: never banned; throttled only above a fair rate;
 * - mobile / CGNAT / shared address: throttle, never a long ban (the address carries many people);
 * - hosting / cloud: ban (throttle when the evidence is weaker) — no humans expected there;
 * - residential and other owned networks: throttle and an abuse report; a short ban only for heavy,
 *   clear-cut abuse;
 * - API keys and users: throttle at the application (firewalls cannot see them).
 * Widening an address ban to its prefix or ASN needs traffic counts and lives in widen.ts.
 */
import type { Category, Entity, Recommendation } from '../detect/finding.js';
import type { CrawlerVerdict, IpInfo } from '../event/enriched-event.js';

export interface RecommendInput {
  readonly category: Category;
  readonly entity: Entity;
  readonly score: number;
  /** Network of the entity (for ip/cidr/asn entities); undefined for keys, users, campaigns. */
  readonly net: IpInfo | undefined;
  readonly crawler: CrawlerVerdict | undefined;
  /** The address carries many distinct users (user agents / sessions): CGNAT, office NAT. */
  readonly sharedAddress: boolean;
  /** Requests from the entity in the finding's window, when known. */
  readonly requests?: number | undefined;
  /** Its request rate per minute over its active span, when known (crawler fair-rate rule). */
  readonly ratePerMinute?: number | undefined;
  /** Above this rate a verified crawler is throttled; default 60/min (decide.crawlerFairRatePerMinute). */
  readonly fairRatePerMinute?: number | undefined;
}

const HOUR = 3600;
/** Categories where intent is unambiguous: nobody stuffs credentials or scans for .env by accident. */
const CLEAR_CUT: ReadonlySet<Category> = new Set([
  'credential_stuffing',
  'brute_force',
  'scanning',
  'flood',
  'data_exfiltration',
  'crawler_impersonation',
]);
/** "Heavy" for a residential ban: a clear-cut finding with this score and at least this many requests. */
const HEAVY_SCORE = 0.9;
const HEAVY_REQUESTS = 500;
const DEFAULT_FAIR_RATE = 60;

type Base = Pick<Recommendation, 'scope' | 'target' | 'abuseReport'>;

export function recommend(input: RecommendInput): Recommendation {
  const { entity, net, score } = input;
  const scope = entity.kind === 'campaign' ? 'ip' : entity.kind;
  const base: Base = { scope, target: entity.value, abuseReport: false };
  if (input.crawler?.verified === true) return crawlerRule(input, base);
  if (input.category === 'bad_automation') {
    return {
      ...base,
      action: 'monitor',
      ttlSeconds: undefined,
      reason: 'supporting signal only: never enough alone to ban',
    };
  }
  if (entity.kind === 'api_key' || entity.kind === 'user') {
    const what = entity.kind === 'api_key' ? 'API key' : 'user account';
    return {
      ...base,
      action: 'throttle',
      ttlSeconds: 6 * HOUR,
      reason: `${what} abuse: rate-limit or revoke it in the application (firewalls cannot see it)`,
    };
  }
  if (input.sharedAddress || net?.networkType === 'mobile') {
    const kind = net?.networkType === 'mobile' ? 'mobile carrier address (CGNAT)' : 'shared address (many user agents)';
    return { ...base, action: 'throttle', ttlSeconds: HOUR, reason: `${kind}: throttle, never a long ban` };
  }
  const who = net?.asn !== undefined ? `${net.org ?? 'unknown org'} (AS${net.asn})` : 'unknown network';
  if (net?.networkType === 'hosting') {
    return score >= 0.5
      ? { ...base, action: 'ban', ttlSeconds: 24 * HOUR, reason: `hosting network ${who}: no humans expected, ban` }
      : {
          ...base,
          action: 'throttle',
          ttlSeconds: 6 * HOUR,
          reason: `hosting network ${who}: weak evidence, throttle`,
        };
  }
  if (net?.networkType === 'residential' || net?.networkType === 'business' || net?.networkType === 'education') {
    const heavy = CLEAR_CUT.has(input.category) && score >= HEAVY_SCORE && (input.requests ?? 0) >= HEAVY_REQUESTS;
    const kind = `${net.networkType} network ${who}`;
    return heavy
      ? {
          ...base,
          action: 'ban',
          ttlSeconds: HOUR,
          reason: `${kind}: heavy, clear-cut ${input.category} (${input.requests} requests): short ban and an abuse report`,
          abuseReport: true,
        }
      : {
          ...base,
          action: 'throttle',
          ttlSeconds: 6 * HOUR,
          reason: `${kind}: throttle and report to the network's abuse contact`,
          abuseReport: true,
        };
  }
  return score >= 0.8
    ? { ...base, action: 'ban', ttlSeconds: 6 * HOUR, reason: `clear-cut ${input.category} from ${who}` }
    : {
        ...base,
        action: 'throttle',
        ttlSeconds: HOUR,
        reason: `likely ${input.category} from ${who}: throttle and watch`,
      };
}

function crawlerRule(input: RecommendInput, base: Base): Recommendation {
  const family = input.crawler?.family ?? 'crawler';
  const fair = input.fairRatePerMinute ?? DEFAULT_FAIR_RATE;
  const rate = input.ratePerMinute;
  if (rate !== undefined && rate <= fair) {
    return {
      ...base,
      action: 'monitor',
      ttlSeconds: undefined,
      reason: `verified ${family} crawler at ${round(rate)}/min, within the fair rate of ${fair}/min: never banned`,
    };
  }
  const at = rate === undefined ? '' : ` at ${round(rate)}/min, above the fair rate of ${fair}/min`;
  return {
    ...base,
    action: 'throttle',
    ttlSeconds: HOUR,
    reason: `verified ${family} crawler${at}: never banned, throttled`,
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
