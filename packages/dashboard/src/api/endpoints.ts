/** Typed calls the views use: parameters checked against the generated schema, answers typed by contract. */
import { api, unwrap } from './client.js';
import type { paths } from './schema.js';
import type {
  AllowEntry,
  AuditRecord,
  BanEntry,
  BreakdownRow,
  ChainVerdict,
  Finding,
  Report,
  Series,
  SimulationResult,
  TotalsAnswer,
} from './types.js';

export type TrafficParams = NonNullable<paths['/api/v1/traffic/totals']['get']['parameters']['query']>;
export type Dimension = paths['/api/v1/traffic/breakdown/{dimension}']['get']['parameters']['path']['dimension'];
export type BanBody = paths['/api/v1/bans']['post']['requestBody']['content']['application/json'];
export type AllowBody = paths['/api/v1/allow']['post']['requestBody']['content']['application/json'];
export type SimulateBody = NonNullable<paths['/api/v1/simulate']['post']['requestBody']>['content']['application/json'];
type ReportBrief = Omit<Report, 'findings' | 'abuseDrafts'> & { findings: number; abuseDrafts: number };

export const traffic = {
  series: (q: TrafficParams) =>
    unwrap<Series>(api.GET('/api/v1/traffic/series', { params: { query: { ...q, split: 'status_class' } } })),
  breakdown: (dimension: Dimension, q: TrafficParams, limit = 200) =>
    unwrap<{ rows: BreakdownRow[] }>(
      api.GET('/api/v1/traffic/breakdown/{dimension}', { params: { path: { dimension }, query: { ...q, limit } } }),
    ),
  totals: (q: TrafficParams) => unwrap<TotalsAnswer>(api.GET('/api/v1/traffic/totals', { params: { query: q } })),
};

export const findings = {
  list: (limit = 2000) =>
    unwrap<{ total: number; findings: Finding[] }>(api.GET('/api/v1/findings', { params: { query: { limit } } })),
};

export const reports = {
  list: () =>
    unwrap<{ total: number; reports: ReportBrief[] }>(
      api.GET('/api/v1/reports', { params: { query: { limit: 500 } } }),
    ),
  get: (id: string) => unwrap<{ report: Report }>(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })),
  approve: (id: string, itemIds?: string[], note?: string) =>
    unwrap<unknown>(
      api.POST('/api/v1/reports/{id}/approve', {
        params: { path: { id } },
        body: { ...(itemIds ? { itemIds } : {}), ...(note ? { note } : {}) },
      }),
    ),
  dismiss: (id: string, itemIds?: string[], note?: string) =>
    unwrap<unknown>(
      api.POST('/api/v1/reports/{id}/dismiss', {
        params: { path: { id } },
        body: { ...(itemIds ? { itemIds } : {}), ...(note ? { note } : {}) },
      }),
    ),
};

export const bans = {
  list: (includeInactive = false) =>
    unwrap<{ bans: BanEntry[] }>(api.GET('/api/v1/bans', { params: { query: { includeInactive } } })),
  add: (b: BanBody) => unwrap<unknown>(api.POST('/api/v1/bans', { body: b })),
  remove: (id: string, reason: string) =>
    unwrap<unknown>(api.DELETE('/api/v1/bans/{id}', { params: { path: { id }, query: { reason } } })),
};

export const allow = {
  list: (includeInactive = false) =>
    unwrap<{ allow: AllowEntry[] }>(api.GET('/api/v1/allow', { params: { query: { includeInactive } } })),
  add: (b: AllowBody) => unwrap<unknown>(api.POST('/api/v1/allow', { body: b })),
  remove: (id: string, reason: string) =>
    unwrap<unknown>(api.DELETE('/api/v1/allow/{id}', { params: { path: { id }, query: { reason } } })),
};

export const audit = {
  list: (afterSeq: number, limit = 1000) =>
    unwrap<{ records: AuditRecord[] }>(api.GET('/api/v1/audit', { params: { query: { afterSeq, limit } } })),
  verify: () => unwrap<{ verdict: ChainVerdict; head: unknown }>(api.GET('/api/v1/audit/verify')),
};

export const simulation = {
  run: (b: SimulateBody) =>
    unwrap<{ range: { from: number; to: number }; bans: number; result: SimulationResult }>(
      api.POST('/api/v1/simulate', { body: b }),
    ),
};

/** The export file as text (for the export preview and the firewall URLs). */
export async function exportText(format: string): Promise<string> {
  const r = await fetch(`/api/v1/export/${encodeURIComponent(format)}`, { credentials: 'same-origin' });
  return r.text();
}
