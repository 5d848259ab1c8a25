/** Placement of time-boxed scenarios inside the day. */
import type { LabContext } from '../cast.js';
import type { Rng } from '../prng.js';

/** A start time such that an activity of `durationMs` ends before the day does (with a little slack). */
export function startWithin(ctx: LabContext, rng: Rng, durationMs: number): number {
  const latest = Math.max(ctx.dayStart, ctx.dayEnd - durationMs - 60_000);
  return ctx.dayStart + rng.range(0, latest - ctx.dayStart);
}
