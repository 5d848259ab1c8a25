/**
 * Reads the scorer's two inputs from parsed JSON: a lab `labels.json` and `rampart analyze --json` output.
 * Malformed findings are skipped and counted, never thrown; a labels file that is not one is an error
 * value the CLI reports.
 */
import { ACTIONS, type Action, CATEGORIES, type Category, ENTITY_KINDS, type EntityKind } from '../detect/finding.js';
import type { LabActor, LabLabels } from './labels.js';

/** The part of a `Finding` the scorer reads. */
export interface ScoredFinding {
  readonly detector: string;
  readonly category: Category;
  readonly entity: { readonly kind: EntityKind; readonly value: string };
  readonly ips: readonly string[] | undefined;
  readonly action: Action | undefined;
}

export interface ParsedFindings {
  readonly findings: ScoredFinding[];
  readonly invalid: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function parseFindings(json: unknown): ParsedFindings | { error: string } {
  const list = isObject(json) ? json.findings : undefined;
  if (!Array.isArray(list))
    return { error: 'findings file has no "findings" array (expected rampart analyze --json output)' };
  const findings: ScoredFinding[] = [];
  let invalid = 0;
  for (const f of list) {
    const entity = isObject(f) ? f.entity : undefined;
    const category = isObject(f) ? f.category : undefined;
    if (
      !isObject(f) ||
      !isObject(entity) ||
      typeof entity.value !== 'string' ||
      !(ENTITY_KINDS as readonly unknown[]).includes(entity.kind) ||
      !(CATEGORIES as readonly unknown[]).includes(category)
    ) {
      invalid++;
      continue;
    }
    const ips = Array.isArray(f.ips) ? f.ips.filter((x): x is string => typeof x === 'string') : undefined;
    const action = isObject(f.recommendation) ? f.recommendation.action : undefined;
    findings.push({
      detector: typeof f.detector === 'string' ? f.detector : '',
      category: category as Category,
      entity: { kind: entity.kind as EntityKind, value: entity.value },
      ips,
      action: (ACTIONS as readonly unknown[]).includes(action) ? (action as Action) : undefined,
    });
  }
  return { findings, invalid };
}

export function parseLabels(json: unknown): LabLabels | { error: string } {
  if (!isObject(json) || !Array.isArray(json.actors)) return { error: 'labels file has no "actors" array' };
  for (const a of json.actors as unknown[]) {
    if (!isObject(a) || !Array.isArray(a.ips) || (a.label !== 'abuse' && a.label !== 'benign') || !isObject(a.entity)) {
      return { error: 'labels file has a malformed actor (needs label, entity and ips)' };
    }
  }
  const actors = (json.actors as LabActor[]).map((a) => ({ ...a, apiKeys: Array.isArray(a.apiKeys) ? a.apiKeys : [] }));
  return { ...(json as unknown as LabLabels), actors };
}
