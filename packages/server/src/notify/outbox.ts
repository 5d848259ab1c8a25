/**
 * The persistent outbox of alert deliveries, kept in the state store's key-value table so pending
 * retries survive a restart on any backend: an index (one JSON list of delivery records: status,
 * attempts, next attempt, last error), one entry per undelivered message, and the idempotency keys
 * already queued (bounded). Changes apply in memory at once and are written behind, coalesced: a burst
 * of changes costs a few writes, not a few per change. The index keeps every undelivered record and the
 * last `historyLimit` finished ones: the delivery log. Delivery is at least once (a crash between a send
 * and its write sends again); `flush()` waits until everything changed so far is written.
 */
import type { AlertEventType } from '@rampart/core';
import type { KvStore } from '../store/contract/state-store.js';
import type { AlertMessage } from './alert-message.js';

/** collecting: a digest still gathering events; pending: waiting for its (next) attempt. */
export type DeliveryStatus = 'collecting' | 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  readonly id: string;
  readonly channel: string;
  /** 'abuse.report': an approved abuse-report e-mail (recorded when finished, never queued here). */
  readonly eventType: AlertEventType | 'digest' | 'abuse.report';
  readonly key: string;
  readonly title: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the next attempt is due (pending, collecting). */
  readonly nextAt: number;
  readonly lastError: string | undefined;
  readonly deliveredAt: number | undefined;
}

const NS = 'alerts.outbox';
/** Idempotency keys kept; the oldest go first (a repeat that late is sent again, which is harmless). */
const DEDUP_LIMIT = 20_000;

const isOpen = (r: DeliveryRecord) => r.status === 'pending' || r.status === 'collecting';

export class KvOutbox {
  private records: DeliveryRecord[] = [];
  /** Messages of open records, so readers never wait for the store. */
  private readonly messages = new Map<string, AlertMessage>();
  /** Idempotency key → expiry (epoch ms), in insertion order. */
  private readonly seenKeys = new Map<string, number>();
  private dirtyIndex = false;
  private dirtyDedup = false;
  /** Message writes waiting: undefined value = delete. */
  private readonly dirtyMessages = new Map<string, AlertMessage | undefined>();
  private flushing: Promise<void> | undefined;

  private constructor(
    private readonly kv: KvStore,
    private readonly historyLimit: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  static async open(kv: KvStore, now: number, onError: (err: unknown) => void, historyLimit = 200): Promise<KvOutbox> {
    const box = new KvOutbox(kv, historyLimit, onError);
    const records = readJson<DeliveryRecord[]>(await kv.get(NS, 'index', now));
    if (Array.isArray(records)) box.records = records;
    const keys = readJson<[string, number][]>(await kv.get(NS, 'dedup', now));
    if (Array.isArray(keys)) for (const [k, exp] of keys) if (exp > now) box.seenKeys.set(k, exp);
    for (const r of box.records.filter(isOpen)) {
      const m = readJson<AlertMessage>(await kv.get(NS, `msg:${r.id}`, now));
      if (m) box.messages.set(r.id, m);
    }
    return box;
  }

  list(): readonly DeliveryRecord[] {
    return this.records;
  }

  get(id: string): DeliveryRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** Undelivered records (pending or collecting). */
  open(): DeliveryRecord[] {
    return this.records.filter(isOpen);
  }

  message(id: string): AlertMessage | undefined {
    return this.messages.get(id);
  }

  seen(key: string, now: number): boolean {
    const exp = this.seenKeys.get(key);
    return exp !== undefined && exp > now;
  }

  remember(key: string, expiresAt: number): void {
    this.seenKeys.delete(key);
    this.seenKeys.set(key, expiresAt);
    for (const k of this.seenKeys.keys()) {
      if (this.seenKeys.size <= DEDUP_LIMIT) break;
      this.seenKeys.delete(k);
    }
    this.dirtyDedup = true;
    this.kick();
  }

  add(record: DeliveryRecord, message: AlertMessage): void {
    this.records.push(record);
    this.messages.set(record.id, message);
    this.dirtyMessages.set(record.id, message);
    this.dirtyIndex = true;
    this.kick();
  }

  /** Adds a record that is already finished (a send made outside the outbox): log only, no message kept. */
  addFinished(record: DeliveryRecord): void {
    if (isOpen(record)) throw new Error(`addFinished needs a finished record, got ${record.status}`);
    this.records.push(record);
    for (const d of this.prune()) this.dirtyMessages.set(d.id, undefined);
    this.dirtyIndex = true;
    this.kick();
  }

  /** Replaces a record (and its message when given); finished records drop their message. */
  update(record: DeliveryRecord, message?: AlertMessage): void {
    const i = this.records.findIndex((r) => r.id === record.id);
    if (i < 0) return;
    this.records[i] = record;
    if (message) {
      this.messages.set(record.id, message);
      this.dirtyMessages.set(record.id, message);
    }
    if (!isOpen(record)) {
      this.messages.delete(record.id);
      // Failed messages stay stored while their record is in the log (for a later manual resend).
      if (record.status === 'delivered') this.dirtyMessages.set(record.id, undefined);
      for (const d of this.prune()) this.dirtyMessages.set(d.id, undefined);
    }
    this.dirtyIndex = true;
    this.kick();
  }

  /** Resolves when every change made so far is written. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private prune(): DeliveryRecord[] {
    const finished = this.records.filter((r) => !isOpen(r));
    const excess = finished.length - this.historyLimit;
    if (excess <= 0) return [];
    const drop = new Set(finished.slice(0, excess));
    this.records = this.records.filter((r) => !drop.has(r));
    return [...drop];
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.writeBehind().finally(() => {
      this.flushing = undefined;
    });
  }

  /** Writes until nothing is dirty; changes made during a write are picked up by the next round. */
  private async writeBehind(): Promise<void> {
    await Promise.resolve();
    while (this.dirtyIndex || this.dirtyDedup || this.dirtyMessages.size > 0) {
      const messages = [...this.dirtyMessages];
      this.dirtyMessages.clear();
      const index = this.dirtyIndex ? JSON.stringify(this.records) : undefined;
      const dedup = this.dirtyDedup ? JSON.stringify([...this.seenKeys]) : undefined;
      this.dirtyIndex = false;
      this.dirtyDedup = false;
      try {
        // Messages before the index: a record on disk always has its message on disk.
        for (const [id, m] of messages) {
          if (m === undefined) await this.kv.delete(NS, `msg:${id}`);
          else await this.kv.set(NS, `msg:${id}`, JSON.stringify(m), undefined);
        }
        if (index !== undefined) await this.kv.set(NS, 'index', index, undefined);
        if (dedup !== undefined) await this.kv.set(NS, 'dedup', dedup, undefined);
      } catch (err) {
        // Reported, not retried in a loop: the next change rewrites the index and the keys anyway.
        this.onError(err);
      }
    }
  }
}

function readJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A damaged entry loses that part of the log, not the process; the next write replaces it.
    return undefined;
  }
}
