/**
 * A report: one detection cycle's findings for a service, each with its recommendation (plus widening
 * proposals), pending until someone approves or dismisses items, and the abuse-report drafts for the
 * residential networks involved. Stores keep it as one document; decisions are per item.
 */
import type { Finding, Recommendation } from '../detect/finding.js';

export type ItemDecision = 'pending' | 'approved' | 'dismissed';
/** pending: nothing decided; partial: some items decided; approved/dismissed: all alike; mixed: all decided. */
export const REPORT_STATUSES = ['pending', 'partial', 'approved', 'dismissed', 'mixed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** How much traffic a widened recommendation covers, flagged and not. */
export interface Coverage {
  readonly flaggedAddresses: number;
  readonly unflaggedAddresses: number;
  readonly flaggedRequests: number;
  readonly unflaggedRequests: number;
}

export interface ReportItemInput {
  /** The finding id, or 'widen:<scope>:<target>' for a widening proposal. */
  readonly id: string;
  /** The finding(s) the recommendation came from. */
  readonly findingIds: readonly string[];
  readonly recommendation: Recommendation;
  /** Member addresses the recommendation applies to when its target is a group (campaign). */
  readonly addresses: readonly string[] | undefined;
  readonly coverage: Coverage | undefined;
}

export interface ReportItem extends ReportItemInput {
  readonly decision: ItemDecision;
  readonly decidedBy: string | undefined;
  readonly decidedAt: number | undefined;
  readonly note: string | undefined;
  /** Ban entries created when the item was approved. */
  readonly banIds: readonly string[];
}

export interface AbuseDraft {
  /** 'AS7922' (or the contact when the ASN is unknown). */
  readonly network: string;
  readonly asn: number | undefined;
  readonly org: string | undefined;
  /** From enrichment; undefined when unknown (the draft says so). */
  readonly contact: string | undefined;
  readonly findingIds: readonly string[];
  readonly ips: readonly string[];
  readonly requests: number;
  /** ISO 8601 UTC. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly subject: string;
  readonly text: string;
  /** X-ARF v0.2 messages (MIME with a YAML report part): one per source address, as the format requires. */
  readonly xarf: readonly { readonly source: string; readonly message: string }[];
}

export interface ReportInput {
  readonly service: string;
  /** Cycle window, ISO 8601 UTC. */
  readonly from: string;
  readonly to: string;
  readonly summary: string;
  readonly findings: readonly Finding[];
  readonly items: readonly ReportItemInput[];
  readonly abuseDrafts: readonly AbuseDraft[];
}

export interface Report extends ReportInput {
  readonly id: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly status: ReportStatus;
  readonly items: readonly ReportItem[];
}

export interface ReportDecisionInput {
  readonly decision: 'approved' | 'dismissed';
  /** Items to decide; omitted = every pending item. */
  readonly itemIds?: readonly string[];
  readonly note?: string;
  /** Ban ids created for approved items, by item id (the approve workflow fills this). */
  readonly banIds?: Readonly<Record<string, readonly string[]>>;
}

/** Status from item decisions. */
export function reportStatus(items: readonly Pick<ReportItem, 'decision'>[]): ReportStatus {
  let pending = 0;
  let approved = 0;
  let dismissed = 0;
  for (const i of items) {
    if (i.decision === 'pending') pending++;
    else if (i.decision === 'approved') approved++;
    else dismissed++;
  }
  if (pending === items.length) return 'pending';
  if (pending > 0) return 'partial';
  if (approved === items.length) return 'approved';
  if (dismissed === items.length) return 'dismissed';
  return 'mixed';
}
