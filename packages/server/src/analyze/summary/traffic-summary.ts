/**
 * The traffic summary consumer: requests, time range, average and peak rates, top clients, paths, hosts,
 * statuses, user agents and methods, bytes. Constant work per event (a handful of map updates) and
 * bounded memory (see TopCounter, AddressCounter, PeakRate).
 */
import type { RequestEvent } from '@rampart/core';
import type { EventConsumer } from '../consumer.js';
import { AddressCounter } from './address-counter.js';
import { PeakRate } from './peak-rate.js';
import { TopCounter, type TopEntry } from './top-counter.js';

export interface TrafficSummary {
  readonly requests: number;
  /** ISO 8601 UTC; null when there were no events. */
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly durationSeconds: number;
  /** Requests per second over the whole time range (at least one second). */
  readonly averageRps: number;
  readonly peakSecond: { readonly start: string; readonly requests: number } | null;
  readonly peakMinute: { readonly start: string; readonly requests: number; readonly rps: number } | null;
  /** Sum of the bytes sent where the log records them. */
  readonly bytes: number;
  readonly uniqueIps: number;
  /** False once a top-N table had to drop rare keys to bound memory (counts then approximate). */
  readonly exact: boolean;
  readonly statusClasses: Readonly<Record<string, number>>;
  readonly top: {
    readonly ips: readonly TopEntry[];
    readonly paths: readonly TopEntry[];
    readonly hosts: readonly TopEntry[];
    readonly statuses: readonly TopEntry[];
    readonly userAgents: readonly TopEntry[];
    readonly methods: readonly TopEntry[];
  };
}

export class TrafficSummaryConsumer implements EventConsumer<TrafficSummary> {
  private requests = 0;
  private bytes = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private readonly ips = new AddressCounter();
  private readonly paths = new TopCounter();
  private readonly hosts = new TopCounter();
  private readonly userAgents = new TopCounter();
  private readonly methods = new TopCounter(1000);
  /** Index = HTTP status 0..999; anything else is counted at 0. */
  private readonly statuses = new Float64Array(1000);
  private readonly perSecond = new PeakRate(1000);
  private readonly perMinute = new PeakRate(60_000);

  constructor(private readonly topN: number) {}

  observe(event: RequestEvent): void {
    this.requests++;
    const ts = event.ts;
    if (ts < this.first) this.first = ts;
    if (ts > this.last) this.last = ts;
    this.perSecond.add(ts);
    this.perMinute.add(ts);
    if (event.bytes > 0) this.bytes += event.bytes;
    this.ips.add(event.ip);
    this.paths.add(event.path);
    if (event.host !== '') this.hosts.add(event.host);
    this.userAgents.add(event.userAgent);
    this.methods.add(event.method);
    const status = event.status;
    this.statuses[status >= 0 && status < 1000 ? status : 0]!++;
  }

  finish(): TrafficSummary {
    const n = this.topN;
    const empty = this.requests === 0;
    const durationSeconds = empty ? 0 : (this.last - this.first) / 1000;
    const statuses: TopEntry[] = [];
    const statusClasses: Record<string, number> = {};
    for (let s = 0; s < 1000; s++) {
      const count = this.statuses[s]!;
      if (count === 0) continue;
      statuses.push({ value: String(s), count });
      const cls = s >= 100 ? `${Math.floor(s / 100)}xx` : 'other';
      statusClasses[cls] = (statusClasses[cls] ?? 0) + count;
    }
    statuses.sort((a, b) => b.count - a.count);
    const counters = [this.ips, this.paths, this.hosts, this.userAgents, this.methods];
    return {
      requests: this.requests,
      firstSeen: empty ? null : new Date(this.first).toISOString(),
      lastSeen: empty ? null : new Date(this.last).toISOString(),
      durationSeconds,
      averageRps: empty ? 0 : round(this.requests / Math.max(1, durationSeconds)),
      peakSecond: empty
        ? null
        : { start: new Date(this.perSecond.peakStart).toISOString(), requests: this.perSecond.peakCount },
      peakMinute: empty
        ? null
        : {
            start: new Date(this.perMinute.peakStart).toISOString(),
            requests: this.perMinute.peakCount,
            rps: round(this.perMinute.peakCount / 60),
          },
      bytes: this.bytes,
      uniqueIps: this.ips.distinct,
      exact: counters.every((c) => c.exact),
      statusClasses,
      top: {
        ips: this.ips.top(n),
        paths: this.paths.top(n),
        hosts: this.hosts.top(n),
        statuses: statuses.slice(0, n),
        userAgents: this.userAgents.top(n),
        methods: this.methods.top(n),
      },
    };
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
