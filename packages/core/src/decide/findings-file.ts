/**
 * Reads findings from JSON someone hands the CLI (`rampart analyze --json` output, or a bare array):
 * a shape check per finding, so a hand-edited or truncated file yields counted rejects with reasons
 * instead of crashes deeper in. It checks what the decide stage reads; it is not a full schema.
 */
import { CATEGORIES, ENTITY_KINDS, type Finding } from '../detect/finding.js';

export interface FindingsFile {
  readonly findings: Finding[];
  readonly rejected: { readonly index: number; readonly reason: string }[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function problem(f: unknown): string | undefined {
  if (!isObj(f)) return 'not an object';
  if (typeof f.id !== 'string' || f.id === '') return 'no id';
  if (typeof f.service !== 'string') return 'no service';
  const e = f.entity;
  if (!isObj(e) || typeof e.value !== 'string' || !(ENTITY_KINDS as readonly unknown[]).includes(e.kind))
    return 'bad entity';
  if (!(CATEGORIES as readonly unknown[]).includes(f.category)) return 'unknown category';
  if (typeof f.score !== 'number') return 'no score';
  const r = f.recommendation;
  if (!isObj(r) || typeof r.action !== 'string' || typeof r.scope !== 'string' || typeof r.target !== 'string') {
    return 'bad recommendation';
  }
  if (!isObj(f.enrichment)) return 'no enrichment';
  if (typeof f.first_seen !== 'string' || typeof f.last_seen !== 'string') return 'no first_seen/last_seen';
  if (typeof f.requests !== 'number') return 'no request count';
  if (!Array.isArray(f.evidence)) return 'no evidence array';
  if (f.ips !== undefined && f.ips !== null && !Array.isArray(f.ips)) return 'ips is not an array';
  return undefined;
}

export function findingsFromJson(text: string): FindingsFile | { readonly error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { error: `not JSON: ${(err as Error).message}` };
  }
  const list = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc.findings) ? doc.findings : undefined;
  if (!list) return { error: 'expected an object with a "findings" array (analyze --json output) or an array' };
  const findings: Finding[] = [];
  const rejected: { index: number; reason: string }[] = [];
  list.forEach((f: unknown, index: number) => {
    const why = problem(f);
    if (why) rejected.push({ index, reason: why });
    else {
      const raw = f as Finding & { ips?: readonly string[] | null };
      findings.push({ ...raw, ips: raw.ips ?? undefined });
    }
  });
  return { findings, rejected };
}
