/**
 * The send side of the dispatcher: one timer set for the earliest due delivery in the outbox, then
 * deliveries one at a time, each within its channel's token bucket (over the budget a delivery waits,
 * it is never dropped), retried with exponential backoff and jitter or after Retry-After, until
 * delivered, refused, or out of attempts. A digest is closed before it is sent, so events arriving
 * meanwhile open the next one.
 */
import type { AlertsConfig } from '@rampart/core';
import type { Channel } from './channel.js';
import type { DeliveryOutcome } from './http-post.js';
import type { DeliveryRecord, KvOutbox } from './outbox.js';
import { TokenBucket } from './rate-limit.js';

export interface DispatcherCounters {
  emitted: number;
  /** Events refused because the intake queue or the outbox was full. */
  dropped: number;
  /** Channel messages skipped because the same key was already queued on that channel. */
  duplicates: number;
  /** Channel messages folded into a digest. */
  digested: number;
  delivered: number;
  failed: number;
  retried: number;
}

export interface WorkerDeps {
  readonly box: KvOutbox;
  readonly channels: ReadonlyMap<string, Channel>;
  readonly config: Pick<AlertsConfig, 'retry' | 'rateLimit'>;
  readonly clock: () => number;
  readonly log: (line: string) => void;
  readonly random: () => number;
  readonly counters: DispatcherCounters;
}

/** Node fires an over-long (> 24.8 days) timeout at once; waking hourly at most costs nothing. */
const MAX_SLEEP_MS = 3_600_000;

export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private closed = false;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly d: WorkerDeps) {
    for (const id of d.channels.keys()) this.buckets.set(id, new TokenBucket(d.config.rateLimit.perMinute, d.clock()));
    for (const r of d.box.open()) {
      if (!d.channels.has(r.channel)) d.box.update(this.finish(r, 'failed', 'channel no longer configured'));
    }
  }

  /** (Re)arms the timer for the earliest due delivery; call after anything was queued. */
  schedule(): void {
    if (this.closed || this.sending) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const open = this.d.box.open();
    if (open.length === 0) return;
    const next = Math.min(...open.map((r) => r.nextAt));
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.sending = this.sendDue().finally(() => {
          this.sending = undefined;
          this.schedule();
        });
      },
      Math.min(MAX_SLEEP_MS, Math.max(0, next - this.d.clock())),
    );
    this.timer.unref();
  }

  /** Stops after the delivery in flight (if any). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sending;
  }

  private async sendDue(): Promise<void> {
    const { box, clock } = this.d;
    while (!this.closed) {
      const now = clock();
      const due = box
        .open()
        .filter((r) => r.nextAt <= now)
        .sort((a, b) => a.nextAt - b.nextAt)[0];
      if (!due) return;
      const wait = this.buckets.get(due.channel)?.take(now) ?? 0;
      if (wait > 0) {
        box.update({ ...due, nextAt: now + wait, updatedAt: now });
        continue;
      }
      const record: DeliveryRecord = due.status === 'collecting' ? { ...due, status: 'pending', updatedAt: now } : due;
      if (record !== due) box.update(record);
      await this.attempt(record);
    }
  }

  private async attempt(r: DeliveryRecord): Promise<void> {
    const { box, clock, counters, config } = this.d;
    const channel = this.d.channels.get(r.channel);
    const message = box.message(r.id);
    if (!channel || !message) {
      box.update(this.finish(r, 'failed', channel ? 'message lost' : 'channel no longer configured'));
      return;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await channel.deliver(message);
    } catch (err) {
      outcome = { kind: 'retry', error: (err as Error).message, retryAfterMs: undefined };
    }
    const base: DeliveryRecord = { ...r, attempts: r.attempts + 1, status: 'pending' };
    if (outcome.kind === 'delivered') {
      counters.delivered++;
      box.update(this.finish(base, 'delivered', undefined));
    } else if (outcome.kind === 'failed' || base.attempts >= config.retry.maxAttempts) {
      counters.failed++;
      this.d.log(`alerts: delivery to ${r.channel} failed after ${base.attempts} attempt(s): ${outcome.error}`);
      box.update(this.finish(base, 'failed', outcome.error));
    } else {
      counters.retried++;
      const now = clock();
      const nextAt = now + this.retryDelay(base.attempts, outcome.retryAfterMs);
      box.update({ ...base, nextAt, updatedAt: now, lastError: outcome.error });
    }
  }

  private retryDelay(attempts: number, retryAfterMs: number | undefined): number {
    const { retry } = this.d.config;
    const maxMs = retry.maxSeconds * 1000;
    if (retryAfterMs !== undefined) return Math.min(maxMs, retryAfterMs);
    const exp = Math.min(maxMs, retry.baseSeconds * 1000 * 2 ** (attempts - 1));
    return Math.round(exp * (0.5 + this.d.random() * 0.5));
  }

  private finish(r: DeliveryRecord, status: 'delivered' | 'failed', error: string | undefined): DeliveryRecord {
    const now = this.d.clock();
    const deliveredAt = status === 'delivered' ? now : undefined;
    return { ...r, status, updatedAt: now, lastError: error ?? r.lastError, deliveredAt };
  }
}
