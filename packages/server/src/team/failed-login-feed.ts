/**
 * Hands refused log-ins to the server's own ingest pipeline in batches, so Rampart's detectors see
 * password guessing against Rampart. Batched because a locked-out guesser is answered without a password
 * check, fast: one store write per refused request would let it turn cheap requests into disk writes.
 * Bounded: past `maxPending` events the extra ones are counted as dropped, never buffered.
 * Only while the pipeline's event time is live: the events carry wall-clock time, and while the server
 * holds historic traffic (the demo day, a replay) one of them would move the event clock and the
 * dashboard's "last 24 h of stored event time" to now. Those are counted as skipped.
 */
import type { RequestEvent } from '@rampart/core';

export interface FailedLoginFeedOptions {
  /** Stores a batch (the ingest pipeline's `accept`). */
  readonly accept: (events: readonly RequestEvent[]) => Promise<void>;
  readonly onError: (err: unknown) => void;
  readonly flushEveryMs?: number;
  readonly maxPending?: number;
  /** Whether the pipeline's event time is close to the wall clock; default always. */
  readonly live?: () => boolean;
  /** Counts each refused log-in by what became of it: stored, skipped (not live), dropped (full). */
  readonly count?: (outcome: 'stored' | 'skipped' | 'dropped', n: number) => void;
}

export class FailedLoginFeed {
  private pending: RequestEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly o: FailedLoginFeedOptions) {}

  readonly push = (event: RequestEvent): void => {
    if (this.o.live && !this.o.live()) {
      this.o.count?.('skipped', 1);
      return;
    }
    if (this.pending.length >= (this.o.maxPending ?? 10_000)) {
      this.o.count?.('dropped', 1);
      return;
    }
    this.pending.push(event);
    this.timer ??= setTimeout(() => void this.flush(), this.o.flushEveryMs ?? 1000);
    this.timer.unref?.();
  };

  /** Stores what is pending; resolves when it is stored (or failed and was reported). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      this.inFlight = this.inFlight
        .then(() => this.o.accept(batch))
        .then(() => this.o.count?.('stored', batch.length))
        .catch(this.o.onError);
    }
    return this.inFlight;
  }
}
