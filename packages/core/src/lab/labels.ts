/**
 * The ground truth written beside a lab day (`labels.json`): every actor with its label, scenario and the
 * addresses and keys it actually used. The scorer reads only this file and the findings.
 */
import type { Category } from '../detect/finding.js';
import type { LabParams } from './params.js';

export type ActorLabel = 'abuse' | 'benign';

/** Benign populations the scorer tallies separately (the hard negatives). */
export const BENIGN_KINDS = [
  'human',
  'power_user',
  'password_retry',
  'flash_crowd',
  'vpn_user',
  'cgnat_gateway',
  'office_nat',
  'verified_crawler',
  'uptime_monitor',
  'partner_integration',
  'api_client',
] as const;
export type BenignKind = (typeof BENIGN_KINDS)[number];

export interface LabActor {
  readonly id: string;
  readonly label: ActorLabel;
  /** Abuse actors only. */
  readonly category?: Category;
  readonly scenario: string;
  /** Benign actors only. */
  readonly kind?: BenignKind;
  readonly entity: { readonly kind: 'ip' | 'api_key' | 'campaign'; readonly value: string };
  /** Every address the actor sent from, sorted. */
  readonly ips: readonly string[];
  /** API keys the actor sent (in `x-api-key`; visible in the Cloudflare log only). */
  readonly apiKeys: readonly string[];
  /** How many people share the address (CGNAT gateway, office NAT, VPN exit). */
  readonly people?: number;
  readonly requests: number;
}

export interface LabLabels {
  readonly seed: number;
  readonly scale: number;
  /** The UTC day, YYYY-MM-DD. */
  readonly date: string;
  readonly params: LabParams;
  readonly formats: readonly string[];
  readonly lines: number;
  readonly actors: readonly LabActor[];
}
