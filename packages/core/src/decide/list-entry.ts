/**
 * Ban and allow list entries as the state store keeps them and the exporters read them.
 */

export const BAN_KINDS = ['ip', 'cidr', 'asn', 'country'] as const;
export type BanKind = (typeof BAN_KINDS)[number];

export const BAN_MODES = ['ban', 'throttle', 'monitor'] as const;
export type BanMode = (typeof BAN_MODES)[number];

export type EntryOrigin = 'detector' | 'report' | 'manual';

export interface BanEntry {
  readonly id: string;
  readonly kind: BanKind;
  /** ip: normalized address; cidr: normalized network; asn: 'AS64496'; country: ISO alpha-2 upper-case. */
  readonly value: string;
  readonly mode: BanMode;
  /** Service name, or undefined for a global entry. */
  readonly service: string | undefined;
  readonly origin: EntryOrigin;
  readonly reason: string;
  /** Finding or report that caused it, when there is one. */
  readonly findingId: string | undefined;
  readonly reportId: string | undefined;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms; undefined = no expiry. */
  readonly expiresAt: number | undefined;
  /** How many times this value has been banned before (escalation step). */
  readonly offence: number;
  readonly actor: string;
}

export const ALLOW_KINDS = ['ip', 'cidr', 'asn', 'country', 'crawler', 'api_key'] as const;
export type AllowKind = (typeof ALLOW_KINDS)[number];

export interface AllowEntry {
  readonly id: string;
  readonly kind: AllowKind;
  readonly value: string;
  readonly service: string | undefined;
  readonly reason: string;
  readonly createdAt: number;
  readonly expiresAt: number | undefined;
  readonly actor: string;
}
