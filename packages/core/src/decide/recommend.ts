/**
 * Turns a finding's category, score and the network behind it into a recommended action.
 * First version: the decide stage refines this (widening to prefix/ASN, escalation ladders).
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
}

const HOUR = 3600;

export function recommend(input: RecommendInput): Recommendation {
  const { entity, net, score } = input;
  const scope = entity.kind === 'campaign' ? 'ip' : entity.kind;
  const base = { scope, target: entity.value, abuseReport: false } as const;
  if (input.crawler?.verified === true) {
    return {
      ...base,
      action: 'throttle',
      ttlSeconds: HOUR,
      reason: `verified ${input.crawler.family} crawler: never banned, throttled when above a fair rate`,
    };
  }
  if (input.category === 'bad_automation') {
    return {
      ...base,
      action: 'monitor',
      ttlSeconds: undefined,
      reason: 'supporting signal only: never enough alone to ban',
    };
  }
  if (input.sharedAddress || net?.networkType === 'mobile') {
    return {
      ...base,
      action: 'throttle',
      ttlSeconds: HOUR,
      reason: 'shared address (mobile carrier or NAT): throttle, never a long ban',
    };
  }
  if (net?.networkType === 'hosting') {
    return {
      ...base,
      action: 'ban',
      ttlSeconds: 24 * HOUR,
      reason: `hosting network ${net.org ?? ''} (AS${net.asn ?? '?'}): no humans expected`,
    };
  }
  if (net?.networkType === 'residential') {
    return score >= 0.9
      ? {
          ...base,
          action: 'ban',
          ttlSeconds: HOUR,
          reason: 'residential network: heavy, clear-cut abuse, short ban and an abuse report',
          abuseReport: true,
        }
      : {
          ...base,
          action: 'throttle',
          ttlSeconds: 6 * HOUR,
          reason: 'residential network: throttle and report to the ISP',
          abuseReport: true,
        };
  }
  return score >= 0.8
    ? { ...base, action: 'ban', ttlSeconds: 6 * HOUR, reason: 'clear-cut abuse' }
    : { ...base, action: 'throttle', ttlSeconds: HOUR, reason: 'likely abuse, throttle and watch' };
}
