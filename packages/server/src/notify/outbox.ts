/**
 * The persistent outbox of alert deliveries, kept in the state store's key-value table so pending
 * retries survive a restart on any backend: an index (one JSON list of delivery records: status,
 * attempts, next attempt, last error) and one entry per undelivered message. Writes are serialized in
 * order. The index keeps every undelivered record and the last `historyLimit` finished ones; that is
 * the delivery log the dashboard shows. Delivery is at least once: a crash mid-send sends again.
 */
import type { AlertEventType } from '@rampart/core';
import type { KvStore } from '../store/contract/state-store.js';
import type { AlertMessage } from './alert-message.js';

/** collecting: a digest still gathering events; pending: waiting for its (next) attempt. */
export type DeliveryStatus = 'collecting' | 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  readonly id: string;
  readonly channel: string;
  readonly eventType: AlertEventType | 'digest';
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
const INDEX = 'index';

export class KvOutbox {
  private records: DeliveryRecord[] = [];
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly kv: KvStore,
    private readonly historyLimit: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  static async open(kv: KvStore, now: number, onError: (err: unknown) => void, historyLimit = 200): Promise<KvOutbox> {
    const box = new KvOutbox(kv, historyLimit, onError);
    const text = await kv.get(NS, INDEX, now);
    if (text) {
      try {
        const parsed = JSON.parse(text) as DeliveryRecord[];
        if (Array.isArray(parsed)) box.records = parsed;
      } catch {
        // A damaged index loses the log, not the process; the next write replaces it.
      }
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
    return this.records.filter((r) => r.status === 'pending' || r.status === 'collecting');
  }

  async message(id: string, now: number): Promise<AlertMessage | undefined> {
    await this.writes;
    const text = await this.kv.get(NS, `msg:${id}`, now);
    return text ? (JSON.parse(text) as AlertMessage) : undefined;
  }

  add(record: DeliveryRecord, message: AlertMessage): Promise<void> {
    this.records.push(record);
    return this.write(async () => {
      await this.kv.set(NS, `msg:${record.id}`, JSON.stringify(message), undefined);
      await this.saveIndex();
    });
  }

  /** Replaces a record (and its message when given); finished records drop their message. */
  update(record: DeliveryRecord, message?: AlertMessage): Promise<void> {
    const i = this.records.findIndex((r) => r.id === record.id);
    if (i < 0) return Promise.resolve();
    this.records[i] = record;
    const finished = record.status === 'delivered' || record.status === 'failed';
    const dropped = finished ? this.prune() : [];
    return this.write(async () => {
      if (message) await this.kv.set(NS, `msg:${record.id}`, JSON.stringify(message), undefined);
      if (record.status === 'delivered') await this.kv.delete(NS, `msg:${record.id}`);
      for (const d of dropped) await this.kv.delete(NS, `msg:${d.id}`);
      await this.saveIndex();
    });
  }

  /** Waits for every queued write. */
  flush(): Promise<void> {
    return this.writes;
  }

  private prune(): DeliveryRecord[] {
    const finished = this.records.filter((r) => r.status === 'delivered' || r.status === 'failed');
    const excess = finished.length - this.historyLimit;
    if (excess <= 0) return [];
    const drop = new Set(finished.slice(0, excess));
    this.records = this.records.filter((r) => !drop.has(r));
    return [...drop];
  }

  private saveIndex(): Promise<void> {
    return this.kv.set(NS, INDEX, JSON.stringify(this.records), undefined);
  }

  /** A failed write is reported through onError and does not stop later writes (they rewrite the index). */
  private write(step: () => Promise<void>): Promise<void> {
    this.writes = this.writes.then(step).catch((err: unknown) => this.onError(err));
    return this.writes;
  }
}
