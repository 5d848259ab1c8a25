/**
 * The alert dispatcher the server emits events into. `emit` only appends to a bounded in-memory queue
 * and returns: detection never waits for a channel. An async pump turns events into per-channel
 * messages (filters), drops repeats (idempotency keys remembered in the state store for 7 days), folds
 * bursts into digests, and writes each delivery to the persistent outbox; a worker sends what is due,
 * within each channel's rate limit, retrying with exponential backoff and jitter (or Retry-After).
 */
import { randomUUID } from 'node:crypto';
import type { AlertsConfig } from '@rampart/core';
import type { StateStore } from '../store/contract/state-store.js';
import type { AlertEvent } from './alert-event.js';
import type { AlertMessage } from './alert-message.js';
import { buildMessage } from './build-message.js';
import type { Channel, ChannelFactory } from './channel.js';
import { CHANNEL_FACTORIES } from './channel-registry.js';
import { addToDigest, startDigest } from './digest.js';
import type { DeliveryOutcome } from './http-post.js';
import { type DeliveryRecord, KvOutbox } from './outbox.js';
import { TokenBucket } from './rate-limit.js';
import { resolveChannels } from './resolve-channels.js';
import { type HostResolver, systemResolver } from './url-guard.js';

export interface AlertDispatcherDeps {
  readonly stateStore: Pick<StateStore, 'kv'>;
  /** Epoch ms; default Date.now. */
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
  /** Dashboard base URL for links (alerts.publicUrl wins). */
  readonly publicUrl?: string | undefined;
  /** Host name resolution for the send-time URL check; default the system resolver. */
  readonly resolve?: HostResolver;
  /** Reads secretFile/urlFile/passwordFile; default readFileSync. */
  readonly readSecret?: (path: string) => string;
  readonly factories?: Partial<Record<string, ChannelFactory>>;
  /** Random source for backoff jitter, in [0, 1). */
  readonly random?: () => number;
}

export interface DispatcherCounters {
  emitted: number;
  /** Events refused because the intake queue or the outbox was full. */
  dropped: number;
  /** Channel messages skipped because the same key was already sent on that channel. */
  duplicates: number;
  /** Channel messages folded into a digest. */
  digested: number;
  delivered: number;
  failed: number;
  retried: number;
}

export interface AlertDispatcher {
  /** Never blocks, never throws: the event is queued (or counted as dropped when the queue is full). */
  emit(event: AlertEvent): void;
  /** Recent deliveries, newest first: undelivered ones and the last finished ones. */
  deliveryLog(): (DeliveryRecord & { readonly channelType: string })[];
  counters(): Readonly<DispatcherCounters>;
  /** Resolves when the outbox is loaded and every event emitted so far is in it. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const DEDUP_MS = 7 * 24 * 3600_000;

export function createAlertDispatcher(config: AlertsConfig, deps: AlertDispatcherDeps): AlertDispatcher {
  const clock = deps.clock ?? Date.now;
  const log = deps.log ?? (() => {});
  const random = deps.random ?? Math.random;
  const kv = deps.stateStore.kv;
  const publicUrl = config.publicUrl ?? deps.publicUrl;
  const ctx = {
    allowPrivate: config.allowPrivateTargets,
    resolve: deps.resolve ?? systemResolver,
    timeoutMs: Math.round(config.retry.timeoutSeconds * 1000),
    clock,
  };
  const resolved = resolveChannels(config, deps.readSecret);
  const channels = new Map<string, { channel: Channel; filters: (typeof resolved)[number]['filters'] }>();
  const buckets = new Map<string, TokenBucket>();
  const recent = new Map<string, number[]>();
  for (const c of resolved) {
    const factory = deps.factories?.[c.type] ?? CHANNEL_FACTORIES[c.type];
    channels.set(c.id, { channel: factory(c, ctx), filters: c.filters });
    buckets.set(c.id, new TokenBucket(config.rateLimit.perMinute, clock()));
    recent.set(c.id, []);
  }
  const windowMs = config.digest.windowSeconds * 1000;
  const counters: DispatcherCounters = {
    emitted: 0,
    dropped: 0,
    duplicates: 0,
    digested: 0,
    delivered: 0,
    failed: 0,
    retried: 0,
  };
  const intake: AlertEvent[] = [];
  let closed = false;
  let pumping: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;
  const reportError = (err: unknown) => log(`alerts: state store write failed: ${(err as Error).message}`);
  const outboxReady = KvOutbox.open(kv, clock(), reportError);
  let outbox: KvOutbox | undefined;

  const ready = outboxReady.then(
    (box) => {
      outbox = box;
      for (const r of box.open()) {
        if (!channels.has(r.channel)) box.update(finish(r, 'failed', 'channel no longer configured'));
      }
      schedule();
    },
    (err: unknown) => log(`alerts: cannot load the outbox: ${(err as Error).message}`),
  );

  function finish(r: DeliveryRecord, status: 'delivered' | 'failed', error: string | undefined): DeliveryRecord {
    const now = clock();
    return {
      ...r,
      status,
      updatedAt: now,
      lastError: error ?? r.lastError,
      deliveredAt: status === 'delivered' ? now : undefined,
    };
  }

  function intakeOne(event: AlertEvent, box: KvOutbox): void {
    for (const [id, { filters }] of channels) {
      const message = buildMessage(event, filters, publicUrl);
      if (!message) continue;
      const now = clock();
      const dedupKey = `${id}|${message.key}`;
      if (box.seen(dedupKey, now)) {
        counters.duplicates++;
        continue;
      }
      const times = (recent.get(id) ?? []).filter((t) => t > now - windowMs);
      times.push(now);
      recent.set(id, times);
      const collecting = box.list().find((r) => r.channel === id && r.status === 'collecting');
      const digest = times.length > config.digest.threshold || collecting !== undefined;
      if (!digest && box.open().length >= config.queueLimit) {
        counters.dropped++;
        log(`alerts: outbox full (${config.queueLimit}); dropped ${message.key} for ${id}`);
        continue;
      }
      // Remembered before the message is queued: at most once per key and channel, even if we crash now.
      box.remember(dedupKey, now + DEDUP_MS);
      if (digest) {
        counters.digested++;
        fold(box, id, collecting, message, now);
        continue;
      }
      box.add(newRecord(id, message, 'pending', now, now), message);
    }
  }

  function fold(box: KvOutbox, id: string, collecting: DeliveryRecord | undefined, m: AlertMessage, now: number): void {
    const current = collecting ? box.message(collecting.id) : undefined;
    if (!collecting || !current) {
      const digest = startDigest(id, m, now, windowMs);
      box.add(newRecord(id, digest, 'collecting', now, now + windowMs), digest);
      return;
    }
    const next = addToDigest(current, m, windowMs);
    box.update({ ...collecting, title: next.title, updatedAt: now }, next);
  }

  function newRecord(
    channel: string,
    m: AlertMessage,
    status: 'pending' | 'collecting',
    now: number,
    nextAt: number,
  ): DeliveryRecord {
    return {
      id: randomUUID(),
      channel,
      eventType: m.eventType,
      key: m.key,
      title: m.title,
      status,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      nextAt,
      lastError: undefined,
      deliveredAt: undefined,
    };
  }

  function pump(): void {
    pumping = pumping.then(async () => {
      await ready;
      const box = outbox;
      while (intake.length > 0) {
        for (const event of intake.splice(0)) {
          if (!box) continue;
          try {
            intakeOne(event, box);
          } catch (err) {
            log(`alerts: could not queue ${event.type}: ${(err as Error).message}`);
          }
        }
      }
      schedule();
    });
  }

  function schedule(): void {
    if (closed || !outbox || sending) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    const open = outbox.open();
    if (open.length === 0) return;
    const next = Math.min(...open.map((r) => r.nextAt));
    timer = setTimeout(
      () => {
        timer = undefined;
        sending = sendDue().finally(() => {
          sending = undefined;
          schedule();
        });
      },
      // Capped: Node fires an over-long (> 24.8 days) timeout at once; waking hourly costs nothing.
      Math.min(3_600_000, Math.max(0, next - clock())),
    );
    timer.unref();
  }

  async function sendDue(): Promise<void> {
    const box = outbox;
    if (!box) return;
    for (;;) {
      if (closed) return;
      const now = clock();
      const due = box
        .open()
        .filter((r) => r.nextAt <= now)
        .sort((a, b) => a.nextAt - b.nextAt)[0];
      if (!due) return;
      const wait = buckets.get(due.channel)?.take(now) ?? 0;
      if (wait > 0) {
        box.update({ ...due, nextAt: now + wait, updatedAt: now });
        continue;
      }
      if (due.status === 'collecting') {
        // Closed before sending: events arriving from now on start the next digest.
        const closedDigest: DeliveryRecord = { ...due, status: 'pending', updatedAt: now };
        box.update(closedDigest);
        await attempt(box, closedDigest);
      } else await attempt(box, due);
    }
  }

  async function attempt(box: KvOutbox, r: DeliveryRecord): Promise<void> {
    const entry = channels.get(r.channel);
    const message = box.message(r.id);
    if (!entry || !message) {
      box.update(finish(r, 'failed', entry ? 'message lost' : 'channel no longer configured'));
      return;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await entry.channel.deliver(message);
    } catch (err) {
      outcome = { kind: 'retry', error: (err as Error).message, retryAfterMs: undefined };
    }
    const attempts = r.attempts + 1;
    const base = { ...r, attempts, status: 'pending' as const };
    if (outcome.kind === 'delivered') {
      counters.delivered++;
      box.update(finish(base, 'delivered', undefined));
    } else if (outcome.kind === 'failed' || attempts >= config.retry.maxAttempts) {
      counters.failed++;
      log(`alerts: delivery to ${r.channel} failed after ${attempts} attempt(s): ${outcome.error}`);
      box.update(finish({ ...base, lastError: outcome.error }, 'failed', outcome.error));
    } else {
      counters.retried++;
      const now = clock();
      box.update({
        ...base,
        nextAt: now + retryDelay(attempts, outcome.retryAfterMs),
        updatedAt: now,
        lastError: outcome.error,
      });
    }
  }

  function retryDelay(attempts: number, retryAfterMs: number | undefined): number {
    const maxMs = config.retry.maxSeconds * 1000;
    if (retryAfterMs !== undefined) return Math.min(maxMs, retryAfterMs);
    const exp = Math.min(maxMs, config.retry.baseSeconds * 1000 * 2 ** (attempts - 1));
    return Math.round(exp * (0.5 + random() * 0.5));
  }

  return {
    emit(event) {
      if (closed) return;
      counters.emitted++;
      if (intake.length >= config.queueLimit) {
        counters.dropped++;
        return;
      }
      intake.push(event);
      if (intake.length === 1) pump();
    },
    deliveryLog() {
      const list = outbox?.list() ?? [];
      return [...list]
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((r) => ({ ...r, channelType: channels.get(r.channel)?.channel.type ?? 'unknown' }));
    },
    counters: () => ({ ...counters }),
    async idle() {
      await ready;
      await pumping;
      await outbox?.flush();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready;
      await pumping;
      await sending;
      await outbox?.flush();
      for (const { channel } of channels.values()) channel.close();
    },
  };
}
