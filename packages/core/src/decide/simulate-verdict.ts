/**
 * The plain verdict of an impact simulation. Thresholds (decide.simulate in the config):
 * - safe:   unflagged share of all traffic ≤ safeUnflaggedShare (default 0.1%) and no verified crawler hit;
 * - unsafe: unflagged share > unsafeUnflaggedShare (default 1%);
 * - review: anything in between, any verified-crawler traffic blocked, or no traffic in the range.
 */

export interface VerdictThresholds {
  readonly safeUnflaggedShare: number;
  readonly unsafeUnflaggedShare: number;
}

export const DEFAULT_VERDICT_THRESHOLDS: VerdictThresholds = { safeUnflaggedShare: 0.001, unsafeUnflaggedShare: 0.01 };

export interface Verdict {
  readonly level: 'safe' | 'review' | 'unsafe';
  readonly text: string;
}

export interface VerdictFigures {
  readonly totalRequests: number;
  readonly blockedRequests: number;
  readonly unflaggedRequests: number;
  readonly unflaggedAddresses: number;
  readonly crawlerRequests: number;
}

export function percent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const p = (part / whole) * 100;
  return `${p === 0 ? '0' : p < 0.01 ? '<0.01' : p.toFixed(2)}%`;
}

export function verdictOf(f: VerdictFigures, t: VerdictThresholds = DEFAULT_VERDICT_THRESHOLDS): Verdict {
  if (f.totalRequests === 0) return { level: 'review', text: 'review: no traffic in the range, nothing to measure' };
  const share = f.unflaggedRequests / f.totalRequests;
  const figure = `${percent(f.unflaggedRequests, f.totalRequests)} of traffic from unflagged clients`;
  const n = f.unflaggedAddresses;
  const who = n > 0 ? ` (${n} address${n === 1 ? '' : 'es'})` : '';
  if (share > t.unsafeUnflaggedShare) return { level: 'unsafe', text: `unsafe: ${figure}${who}` };
  if (f.crawlerRequests > 0) {
    return {
      level: 'review',
      text: `review: ${figure}${who}; blocks ${f.crawlerRequests} requests from verified crawlers`,
    };
  }
  if (share > t.safeUnflaggedShare) return { level: 'review', text: `review: ${figure}${who}` };
  return { level: 'safe', text: `safe to ban: ${figure}` };
}
