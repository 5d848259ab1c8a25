/**
 * A finding: one entity, one category of abuse, a score, and the evidence that explains it.
 * The JSON shape of `Finding` is the `analyze --json` contract that tools parse: field names are stable,
 * which is why `first_seen` / `last_seen` are snake_case here too.
 */
import type { NetworkType } from '../event/enriched-event.js';

/** Documented and stable: tools parse these. */
export const CATEGORIES = [
  'scanning',
  'brute_force',
  'credential_stuffing',
  'scraping',
  'enumeration',
  'data_exfiltration',
  'persistent_bot',
  'flood',
  'crawler_impersonation',
  'api_key_abuse',
  'bad_automation',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const ENTITY_KINDS = ['ip', 'cidr', 'asn', 'api_key', 'user', 'campaign'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface Entity {
  readonly kind: EntityKind;
  /** ip: address; cidr: 'a.b.c.0/24'; asn: 'AS13335'; api_key / user: the value; campaign: a stable id. */
  readonly value: string;
}

/** One measured feature compared with the threshold it had to pass. */
export interface Signal {
  readonly name: string;
  readonly value: number;
  readonly threshold: number;
  /** Contribution of this signal to the score, in [0, 1]. */
  readonly weight: number;
  /** Window the value was measured over, e.g. '10m', '1h', '24h'. */
  readonly window: string;
  /** How value was compared with threshold. */
  readonly op: '>=' | '<=';
  /** Plain-language meaning, e.g. 'share of requests to auth endpoints that failed'. */
  readonly description: string;
}

export const ACTIONS = ['ban', 'throttle', 'report', 'monitor'] as const;
export type Action = (typeof ACTIONS)[number];

export interface Recommendation {
  readonly action: Action;
  /** What the action applies to. */
  readonly scope: 'ip' | 'cidr' | 'asn' | 'api_key' | 'user' | 'country';
  readonly target: string;
  /** Suggested duration of a ban or throttle, seconds. */
  readonly ttlSeconds: number | undefined;
  /** The reason in words. */
  readonly reason: string;
  /** Also send an abuse report to the network's contact. */
  readonly abuseReport: boolean;
}

export interface FindingEnrichment {
  readonly asn: number | undefined;
  readonly org: string | undefined;
  readonly country: string | undefined;
  readonly networkType: NetworkType | undefined;
  readonly prefix: string | undefined;
  readonly abuseContact: string | undefined;
  /** Declared crawler family and whether it verified. */
  readonly crawler: { readonly family: string; readonly verified: boolean | undefined } | undefined;
}

export interface EvidenceLine {
  readonly source: string;
  readonly line: number;
  readonly text: string;
}

export interface Finding {
  /** Stable for the same input: derived from detector, service, entity and first_seen. */
  readonly id: string;
  readonly detector: string;
  readonly service: string;
  readonly entity: Entity;
  readonly category: Category;
  /** In [0, 1]. */
  readonly score: number;
  /** In [0, 1]: how sure the detector is, given how much data it saw. */
  readonly confidence: number;
  /** One sentence that explains the finding. */
  readonly summary: string;
  readonly signals: readonly Signal[];
  readonly recommendation: Recommendation;
  readonly enrichment: FindingEnrichment;
  /** ISO 8601 UTC. */
  readonly first_seen: string;
  readonly last_seen: string;
  readonly requests: number;
  readonly evidence: readonly EvidenceLine[];
  /** Member addresses, for group entities (cidr, asn, campaign, api_key, user). */
  readonly ips: readonly string[] | undefined;
}
