/**
 * The alert dispatcher the server emits events into. `emit` only appends to a bounded in-memory queue
 * and returns: detection never waits for a channel. An async pump turns events into per-channel
 * messages (filters), drops repeats (idempotency keys kept in the outbox for 7 days), folds bursts into
 * digests, and queues each delivery in the persistent outbox; the delivery worker sends what is due.
 */
import { randomUUID } from 'node:crypto';
import type { AlertsConfig } from '@rampart/core';
import type { StateStore } from '../store/contract/state-store.js';
import type { AlertEvent } from './alert-event.js';
import type { AlertMessage } from './alert-message.js';
import { buildMessage } from './build-message.js';
import type { Channel, ChannelFactory } from './channel.js';
import { CHANNEL_FACTORIES } from './channel-registry.js';
import { DeliveryWorker, type DispatcherCounters } from './delivery-worker.js';
import { addToDigest, startDigest } from './digest.js';
import { type DeliveryRecord, KvOutbox } from './outbox.js';
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

export type { DispatcherCounters };

export interface FinishedDelivery {
  readonly channel: string;
  readonly eventType: DeliveryRecord['eventType'];
  readonly key: string;
  readonly title: string;
  readonly status: 'delivered' | 'failed';
  readonly attempts: number;
  readonly lastError: string | undefined;
  /** Epoch ms the send started. */
  readonly createdAt: number;
}

export interface AlertDispatcher {
  /** Never blocks, never throws: the event is queued (or counted as dropped when the queue is full). */
  emit(event: AlertEvent): void;
  /** Recent deliveries, newest first: undelivered ones and the last finished ones. */
  deliveryLog(): (DeliveryRecord & { readonly channelType: string })[];
  counters(): Readonly<DispatcherCounters>;
  /**
   * Adds a finished delivery made outside the outbox (approved abuse-report e-mails) to the delivery
   * log, so the dashboard shows every message Rampart sent or failed to send.
   */
  recordDelivery(entry: FinishedDelivery): void;
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
  const recent = new Map<string, number[]>();
  for (const c of resolved) {
    const factory = deps.factories?.[c.type] ?? CHANNEL_FACTORIES[c.type];
    channels.set(c.id, { channel: factory(c, ctx), filters: c.filters });
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
  const reportError = (err: unknown) => log(`alerts: state store write failed: ${(err as Error).message}`);
  const outboxReady = KvOutbox.open(kv, clock(), reportError);
  let outbox: KvOutbox | undefined;

  let worker: DeliveryWorker | undefined;
  const schedule = () => worker?.schedule();
  const ready = outboxReady.then(
    (box) => {
      outbox = box;
      const byId = new Map([...channels].map(([id, c]) => [id, c.channel]));
      worker = new DeliveryWorker({ box, channels: byId, config, clock, log, random, counters });
      schedule();
    },
    (err: unknown) => log(`alerts: cannot load the outbox: ${(err as Error).message}`),
  );

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
    recordDelivery(entry) {
      if (entry.status === 'delivered') counters.delivered++;
      else counters.failed++;
      const now = clock();
      const record: DeliveryRecord = {
        ...entry,
        id: randomUUID(),
        updatedAt: now,
        nextAt: now,
        deliveredAt: entry.status === 'delivered' ? now : undefined,
      };
      void ready.then(() => outbox?.addFinished(record));
    },
    async idle() {
      await ready;
      await pumping;
      await outbox?.flush();
    },
    async close() {
      closed = true;
      await ready;
      await pumping;
      await worker?.close();
      await outbox?.flush();
      for (const { channel } of channels.values()) channel.close();
    },
  };
}
