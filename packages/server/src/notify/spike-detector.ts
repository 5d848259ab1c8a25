/**
 * Traffic-spike detection over per-minute counts the server keeps per service (requests, or errors):
 * the latest `recentMinutes` average against the median of the earlier minutes (the baseline; a median
 * so an earlier burst does not raise it). A spike needs the rate `ratio` times the baseline, at least
 * `minRate` per minute (quiet services do not page anyone over 3 requests instead of 1), and enough
 * history to know the baseline. Pure and allocation-light: one sorted copy of the history.
 */

export interface SpikeOptions {
  /** Minutes averaged as "now". Default 3. */
  readonly recentMinutes?: number;
  /** How many times the baseline counts as a spike. Default 5. */
  readonly ratio?: number;
  /** Lowest per-minute rate that can be a spike. Default 60. */
  readonly minRate?: number;
  /** Minutes of history needed before anything is judged. Default 30. */
  readonly minHistory?: number;
}

export type SpikeVerdict =
  | { readonly spike: true; readonly rate: number; readonly baseline: number; readonly ratio: number }
  | {
      readonly spike: false;
      readonly reason: 'not_enough_history' | 'below_min_rate' | 'within_baseline';
      readonly rate: number;
      readonly baseline: number;
    };

/** `counts` are per-minute totals, oldest first, the last one being the latest complete minute. */
export function detectSpike(counts: readonly number[], o: SpikeOptions = {}): SpikeVerdict {
  const recent = Math.max(1, o.recentMinutes ?? 3);
  const ratio = o.ratio ?? 5;
  const minRate = o.minRate ?? 60;
  const minHistory = o.minHistory ?? 30;
  const history = counts.slice(0, Math.max(0, counts.length - recent));
  const last = counts.slice(-recent);
  let sum = 0;
  for (const c of last) sum += Number.isFinite(c) && c > 0 ? c : 0;
  const rate = last.length > 0 ? sum / last.length : 0;
  if (history.length < minHistory) return { spike: false, reason: 'not_enough_history', rate, baseline: 0 };
  const baseline = median(history);
  if (rate < minRate) return { spike: false, reason: 'below_min_rate', rate, baseline };
  // A zero baseline (a service that was idle) compares against 1/min so any real burst above minRate counts.
  if (rate < ratio * Math.max(baseline, 1)) return { spike: false, reason: 'within_baseline', rate, baseline };
  return { spike: true, rate, baseline, ratio: rate / Math.max(baseline, 1) };
}

function median(values: readonly number[]): number {
  const s = values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0)).sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
