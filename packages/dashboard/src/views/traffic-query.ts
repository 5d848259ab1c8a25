/**
 * The traffic view's state lives in the URL query (shareable, back button works): range, chart mode,
 * dimension filters and the entity selection. This turns it into API query parameters.
 */
import type { TrafficParams } from '../api/endpoints.js';
import type { Finding } from '../api/types.js';

export const RANGES = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 };
export type RangeName = keyof typeof RANGES;

/** Dimension filters that map one-to-one to query parameters. */
export const DIM_FILTERS = ['service', 'host', 'path_template', 'status', 'ua_family'] as const;
/** Entity lists (comma-separated): an event matches any of them. */
export const ENTITY_PARAMS = ['ip', 'cidr', 'asn', 'country'] as const;
export type EntityParam = (typeof ENTITY_PARAMS)[number];

/** Which filter a click on a breakdown row sets. */
export const ROW_FILTER: Record<string, string> = {
  ip: 'ip',
  asn: 'asn',
  country: 'country',
  path_template: 'path_template',
  host: 'host',
  service: 'service',
  status: 'status',
  ua_family: 'ua_family',
};

export interface Range {
  readonly from: number;
  readonly to: number;
}

export function rangeOf(q: URLSearchParams, end: number): Range {
  const from = Number(q.get('from'));
  const to = Number(q.get('to'));
  if (from > 0 && to > from) return { from, to };
  const span = RANGES[(q.get('range') ?? '24h') as RangeName] ?? RANGES['24h'];
  return { from: end - span, to: end };
}

export type Query = TrafficParams;

export function dimensionFilter(q: URLSearchParams): Query {
  const out: Query = {};
  for (const k of DIM_FILTERS) {
    const v = q.get(k);
    if (v === null || v === '') continue;
    if (k === 'status') out.status = Number(v);
    else out[k] = v;
  }
  return out;
}

export const listOf = (q: URLSearchParams, k: string): string[] => (q.get(k) ?? '').split(',').filter((x) => x !== '');

/** Entities of findings (addresses, networks, ASNs), for the flagged subset and overlays. */
export function findingEntities(findings: readonly Finding[]): Record<EntityParam, string[]> {
  const sets = { ip: new Set<string>(), cidr: new Set<string>(), asn: new Set<string>(), country: new Set<string>() };
  for (const f of findings) {
    if (f.entity.kind === 'ip') sets.ip.add(f.entity.value);
    else if (f.entity.kind === 'cidr') sets.cidr.add(f.entity.value);
    else if (f.entity.kind === 'asn') sets.asn.add(f.entity.value.replace(/^AS/i, ''));
    for (const ip of f.ips ?? []) sets.ip.add(ip);
  }
  return { ip: [...sets.ip], cidr: [...sets.cidr], asn: [...sets.asn], country: [] };
}

/** Entity parameters for the API; the API bounds each list at 20,000 characters. */
export function entityQuery(e: Record<EntityParam, string[]>): { query: Query; truncated: boolean } {
  const query: Query = {};
  let truncated = false;
  for (const k of ENTITY_PARAMS) {
    let text = e[k].join(',');
    if (text.length > 19_000) {
      text = text.slice(0, text.lastIndexOf(',', 19_000));
      truncated = true;
    }
    if (text !== '') query[k] = text;
  }
  return { query, truncated };
}

export const hasEntities = (e: Record<EntityParam, string[]>) => ENTITY_PARAMS.some((k) => e[k].length > 0);
