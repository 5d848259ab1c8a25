/**
 * The escalation ladder for repeat offenders: the n-th ban of the same value within the lookback gets the
 * n-th step of the ladder (the last step repeats). Pure, so every store backend escalates the same way.
 */
import { parseDuration } from './duration.js';

export interface EscalationPolicy {
  /** Ban durations in seconds, first offence first; MUST be non-empty. */
  readonly ladderSeconds: readonly number[];
  /** Earlier bans of the same value count as offences when created within this many seconds. */
  readonly lookbackSeconds: number;
}

/** TTL for a ban whose value already has `priorOffences` bans within the lookback. */
export function escalatedTtl(policy: EscalationPolicy, priorOffences: number): number {
  const ladder = policy.ladderSeconds;
  const step = Math.min(Math.max(0, priorOffences), ladder.length - 1);
  return ladder[step] ?? 3600;
}

/** The policy from the `decide` config section (durations already validated by the schema). */
export function escalationFromConfig(config: {
  escalation: readonly string[];
  escalationLookback: string;
}): EscalationPolicy {
  const ladderSeconds = config.escalation.map((d) => parseDuration(d) ?? 3600);
  return { ladderSeconds, lookbackSeconds: parseDuration(config.escalationLookback) ?? 30 * 86_400 };
}
