/**
 * The server's event-time clock. Detection runs on the timestamps in the logs; between events the
 * clock moves on with the wall clock, so a quiet service still reaches its next evaluation tick, and a
 * replay of old logs over HTTP keeps its own (old) time instead of being dropped as late.
 */
export class EventClock {
  private maxTs = Number.NEGATIVE_INFINITY;
  private wallAtMax = 0;

  /** Records the newest event time of a batch, seen at wall time `now`. */
  advance(eventTs: number, now: number): void {
    if (eventTs > this.maxTs) {
      this.maxTs = eventTs;
      this.wallAtMax = now;
    }
  }

  /** Event time now: the newest event time plus the wall time since it arrived; undefined before any event. */
  watermark(now: number): number | undefined {
    if (this.maxTs === Number.NEGATIVE_INFINITY) return undefined;
    return this.maxTs + Math.max(0, now - this.wallAtMax);
  }
}
