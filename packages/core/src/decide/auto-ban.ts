/**
 * Which findings become bans automatically (`decide.autoBan` rules: per service and detector, a minimum
 * score, and the recommendation actions to apply) — the rest wait for a report. Pure: the server applies
 * the selection through the state store (store/auto-ban.ts). Only address-level recommendations
 * (ip, cidr, asn, country) can be bans; campaigns expand to their member addresses.
 */
import type { AutoBanRule } from '../config/decide-config.js';
import type { Finding } from '../detect/finding.js';

export interface AutoBanSelection {
  readonly finding: Finding;
  /** Values to ban (the target, or a campaign's members). */
  readonly values: readonly string[];
  readonly mode: 'ban' | 'throttle';
  readonly rule: AutoBanRule;
}

const BANNABLE = new Set(['ip', 'cidr', 'asn', 'country']);

export function selectAutoBans(findings: readonly Finding[], rules: readonly AutoBanRule[]): AutoBanSelection[] {
  if (rules.length === 0) return [];
  const out: AutoBanSelection[] = [];
  for (const f of findings) {
    const r = f.recommendation;
    if (r.action !== 'ban' && r.action !== 'throttle') continue;
    if (!BANNABLE.has(r.scope)) continue;
    const rule = rules.find(
      (x) =>
        (x.service === '*' || x.service === f.service) &&
        (x.detectors.length === 0 || x.detectors.includes(f.detector)) &&
        f.score >= x.minScore &&
        (x.actions as readonly string[]).includes(r.action),
    );
    if (!rule) continue;
    const values = f.entity.kind === 'campaign' ? (f.ips ?? []) : [r.target];
    if (values.length > 0) out.push({ finding: f, values, mode: r.action, rule });
  }
  return out;
}
