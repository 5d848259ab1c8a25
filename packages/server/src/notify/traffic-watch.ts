/**
 * Per-service, per-minute traffic counts (requests, 5xx errors, 4xx client errors) on **event time**, and
 * the `traffic.spike` check the report cycle runs over them. Counts live in a ring of the last
 * `HISTORY_MINUTES` minutes per service and metric (services come from the config, so memory is bounded).
 * Each check judges only the latest complete minute before the event-time watermark (less the detection
 * lateness, so requests arriving late within it are in), once per minute,
 * and reports a spike on the transition from no spike to spike: a spike lasting an hour is one alert.
 * A spike is reported only when its minute is recent in wall time (`liveMs`): replaying or backfilling
 * old logs builds the baseline and the state but never pages anyone about last week.
 */
import type { TrafficSpikeEvent } from './alert-event.js';
import { detectSpike, type SpikeOptions } from './spike-detector.js';

export const TRAFFIC_METRICS = ['requests', 'errors', 'client_errors'] as const;
export type TrafficMetric = (typeof TRAFFIC_METRICS)[number];

/** Minutes kept per service: the spike baseline is the median of these (minus the recent ones). */
export const HISTORY_MINUTES = 60;
const MINUTE = 60_000;

interface ServiceCounts {
  /** Newest minute index counted (epoch minutes); older slots are zeroed when it moves on. */
  latest: number;
  /** First minute seen: minutes before it are not history (the service was not watched yet). */
  first: number;
  readonly counts: Record<TrafficMetric, Float64Array>;
  /** Per metric: latest minute judged, and whether it was a spike. */
  readonly judged: Record<TrafficMetric, { minute: number; spike: boolean }>;
}

export interface TrafficWatchOptions {
  readonly spike?: SpikeOptions;
  /** A spike minute older than this in wall time is not reported (replays, backfills). Default 10 min. */
  readonly liveMs?: number;
  /** A minute is judged once the watermark passed its end by this much (detection's lateness). Default 0. */
  readonly settleMs?: number;
}

export class TrafficWatch {
  private readonly services = new Map<string, ServiceCounts>();
  private last: { name: string; s: ServiceCounts } | undefined;

  constructor(private readonly o: TrafficWatchOptions = {}) {}

  /** Counts one request at event time `ts` (epoch ms). Per event: MUST stay cheap. */
  count(service: string, ts: number, status: number): void {
    const s = this.last?.name === service ? this.last.s : this.serviceOf(service, ts);
    const minute = Math.floor(ts / MINUTE);
    if (minute > s.latest) this.advance(s, minute);
    else if (minute <= s.latest - HISTORY_MINUTES) return;
    if (minute < s.first) s.first = minute;
    const slot = minute % HISTORY_MINUTES;
    s.counts.requests[slot]! += 1;
    if (status >= 500) s.counts.errors[slot]! += 1;
    else if (status >= 400) s.counts.client_errors[slot]! += 1;
  }

  /** Counts of the complete minutes up to `minute` (inclusive), oldest first, from the first watched one. */
  series(service: string, metric: TrafficMetric, minute: number): number[] {
    const s = this.services.get(service);
    if (!s) return [];
    const from = Math.max(s.first, minute - HISTORY_MINUTES + 1, s.latest - HISTORY_MINUTES + 1);
    const out: number[] = [];
    for (let m = from; m <= minute; m++) out.push(m > s.latest ? 0 : (s.counts[metric][m % HISTORY_MINUTES] ?? 0));
    return out;
  }

  /**
   * Judges the latest complete minute before `watermark` (event time) for every service and metric not
   * judged at that minute yet; returns the spikes that start there and are live at wall time `now`.
   */
  check(watermark: number, now: number): TrafficSpikeEvent[] {
    const minute = Math.floor((watermark - (this.o.settleMs ?? 0)) / MINUTE) - 1;
    const live = now - (minute + 1) * MINUTE <= (this.o.liveMs ?? 10 * MINUTE);
    const out: TrafficSpikeEvent[] = [];
    for (const [service, s] of this.services) {
      for (const metric of TRAFFIC_METRICS) {
        const j = s.judged[metric];
        if (minute <= j.minute) continue;
        const v = detectSpike(this.series(service, metric, minute), this.o.spike);
        if (v.spike && !j.spike && live) {
          out.push({ type: 'traffic.spike', service, metric, rate: v.rate, baseline: v.baseline, at: minute * MINUTE });
        }
        s.judged[metric] = { minute, spike: v.spike };
      }
    }
    return out;
  }

  private serviceOf(name: string, ts: number): ServiceCounts {
    let s = this.services.get(name);
    if (!s) {
      const minute = Math.floor(ts / MINUTE);
      const ring = () => new Float64Array(HISTORY_MINUTES);
      const none = () => ({ minute: Number.NEGATIVE_INFINITY, spike: false });
      s = {
        latest: minute,
        first: minute,
        counts: { requests: ring(), errors: ring(), client_errors: ring() },
        judged: { requests: none(), errors: none(), client_errors: none() },
      };
      this.services.set(name, s);
    }
    this.last = { name, s };
    return s;
  }

  private advance(s: ServiceCounts, minute: number): void {
    const steps = Math.min(HISTORY_MINUTES, minute - s.latest);
    for (let i = 1; i <= steps; i++) {
      const slot = (s.latest + i) % HISTORY_MINUTES;
      for (const metric of TRAFFIC_METRICS) s.counts[metric][slot] = 0;
    }
    s.latest = minute;
    if (s.first < minute - HISTORY_MINUTES + 1) s.first = minute - HISTORY_MINUTES + 1;
  }
}
