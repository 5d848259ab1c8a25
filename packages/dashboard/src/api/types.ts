/**
 * Shapes of API answers the dashboard reads. Requests (paths, parameters, bodies) are typed by the
 * generated OpenAPI schema; the routes do not publish response schemas yet, so answers are typed with the
 * core contracts the server returns them from.
 */
export type {
  AbuseDraft,
  AllowEntry,
  AuditRecord,
  BanEntry,
  ChainVerdict,
  Finding,
  Report,
  ReportItem,
  SimulationResult,
} from '@rampart/core';

export interface SeriesPoint {
  readonly t: number;
  readonly requests: number;
  readonly byClass?: Readonly<Record<string, number>>;
}
export interface Series {
  readonly from: number;
  readonly to: number;
  readonly stepMs: number;
  readonly points: readonly SeriesPoint[];
}
export interface BreakdownRow {
  readonly key: string;
  readonly requests: number;
  readonly bytes: number;
  readonly ips: number;
}
export interface Totals {
  readonly requests: number;
  readonly ips: number;
  readonly bytes: number;
  readonly first?: number;
  readonly last?: number;
}
export interface TotalsAnswer {
  readonly from: number;
  readonly to: number;
  readonly selected: Totals;
  readonly all: Totals;
  readonly share: number;
}
