/**
 * A service's learned norm, from its own traffic: requests, active clients and auth failures per minute
 * over the last 24 hours (rings of 1,440 minutes), which path prefixes it really serves (2xx), and how
 * many of its human-looking page clients also load static assets. Detectors compare a key with these
 * instead of fixed numbers. Robust statistics (median, MAD) are computed at evaluation time, not per event.
 */
import type { EnrichedEvent } from '../../event/enriched-event.js';
import { type EventFeatures, F_AUTH_FAIL, F_STATIC } from '../features/event-features.js';
import { SENSITIVE_IF_UNSERVED, SENSITIVE_WORDPRESS } from '../features/sensitive-paths.js';
import type { KeyStats } from './key-stats.js';

const MINUTES = 1440;
/** Norms are recomputed at most this often (minutes of event time): they move slowly by design. */
const RECOMPUTE_MINUTES = 10;
const PREFIX_LIMIT = 5000;
/** A prefix counts as served once this many 2xx answers were seen on it. */
const SERVED_MIN = 20;
/** A browser client with this many page views counts toward the static-asset share. */
const HUMAN_PAGES = 3;

export interface RobustStats {
  readonly median: number;
  readonly mad: number;
  /** Minutes with traffic the figures were computed from. */
  readonly samples: number;
}

export class ServiceBaseline {
  readonly reqPerMinute = new Float64Array(MINUTES);
  readonly clientsPerMinute = new Float64Array(MINUTES);
  readonly failsPerMinute = new Float64Array(MINUTES);
  private minute = -1;
  private readonly robustCache = new Map<Float64Array, { at: number; value: RobustStats }>();
  private rateCache = { at: Number.NEGATIVE_INFINITY, value: 0 };
  private readonly served = new Map<string, number>();
  /** 2xx answers to WordPress paths: a service that serves them runs WordPress. */
  private wordpressServed = 0;
  humanClients = 0;
  humanClientsWithStatic = 0;
  requests = 0;
  bytes = 0;
  authFails = 0;

  observe(e: EnrichedEvent, f: EventFeatures, ip: KeyStats, sec: number): void {
    const m = (sec / 60) | 0;
    if (m !== this.minute) this.advance(m);
    const slot = m % MINUTES;
    this.reqPerMinute[slot]!++;
    if (ip.minN === 1) this.clientsPerMinute[slot]!++;
    this.requests++;
    const req = e.req;
    if (req.bytes > 0) this.bytes += req.bytes;
    if (f.flags & F_AUTH_FAIL) {
      this.failsPerMinute[slot]!++;
      this.authFails++;
    }
    if (req.status >= 200 && req.status < 300 && f.sensitive & SENSITIVE_WORDPRESS) this.wordpressServed++;
    if (req.status >= 200 && req.status < 300 && f.prefix !== '') {
      const c = this.served.get(f.prefix);
      if (c !== undefined) this.served.set(f.prefix, c + 1);
      else if (this.served.size < PREFIX_LIMIT) this.served.set(f.prefix, 1);
    }
    if (e.ua.class === 'browser') {
      if (!ip.humanCounted && ip.pageN >= HUMAN_PAGES) {
        ip.humanCounted = true;
        this.humanClients++;
        if (ip.staticN > 0) {
          ip.humanStatic = true;
          this.humanClientsWithStatic++;
        }
      } else if (ip.humanCounted && !ip.humanStatic && f.flags & F_STATIC) {
        ip.humanStatic = true;
        this.humanClientsWithStatic++;
      }
    }
  }

  private advance(m: number): void {
    if (this.minute >= 0) {
      const from = Math.max(this.minute + 1, m - MINUTES + 1);
      for (let x = from; x <= m; x++) {
        const slot = x % MINUTES;
        this.reqPerMinute[slot] = 0;
        this.clientsPerMinute[slot] = 0;
        this.failsPerMinute[slot] = 0;
      }
    }
    if (m > this.minute) this.minute = m;
  }

  /** Whether the service itself answers 2xx under this first path segment (e.g. it runs WordPress). */
  serves(prefix: string): boolean {
    return (this.served.get(prefix) ?? 0) >= SERVED_MIN;
  }

  /** Whether a probe-looking path of these sensitive kinds is in fact part of what the service serves. */
  servesKinds(kinds: number, prefix: string): boolean {
    if ((kinds & ~SENSITIVE_IF_UNSERVED) !== 0) return false;
    if (kinds & SENSITIVE_WORDPRESS && this.wordpressServed >= SERVED_MIN) return true;
    return this.serves(prefix);
  }

  /** Share of human-looking page clients that load static assets; NaN when fewer than 20 were seen. */
  humanStaticShare(): number {
    return this.humanClients < 20 ? Number.NaN : this.humanClientsWithStatic / this.humanClients;
  }

  /** Median and MAD of a per-minute ring over the minutes with traffic in the last 24 h. */
  robust(ring: Float64Array): RobustStats {
    const hit = this.robustCache.get(ring);
    if (hit !== undefined && this.minute - hit.at < RECOMPUTE_MINUTES) return hit.value;
    const value = this.computeRobust(ring);
    this.robustCache.set(ring, { at: this.minute, value });
    return value;
  }

  private computeRobust(ring: Float64Array): RobustStats {
    const values: number[] = [];
    for (let i = 0; i < MINUTES; i++) if (this.reqPerMinute[i]! > 0) values.push(ring[i]!);
    if (values.length === 0) return { median: 0, mad: 0, samples: 0 };
    values.sort((a, b) => a - b);
    const median = values[values.length >> 1]!;
    const dev = values.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
    return { median, mad: dev[dev.length >> 1]!, samples: values.length };
  }

  /**
   * Requests per active client per minute: the median over the minutes with traffic, so that a flood
   * cannot raise the norm it is measured against. 0 before 10 minutes of traffic were seen.
   */
  perClientRate(): number {
    if (this.minute - this.rateCache.at < RECOMPUTE_MINUTES) return this.rateCache.value;
    this.rateCache = { at: this.minute, value: this.computePerClientRate() };
    return this.rateCache.value;
  }

  private computePerClientRate(): number {
    const rates: number[] = [];
    for (let i = 0; i < MINUTES; i++) {
      const c = this.clientsPerMinute[i]!;
      if (c > 0) rates.push(this.reqPerMinute[i]! / c);
    }
    if (rates.length < 10) return 0;
    rates.sort((a, b) => a - b);
    return rates[rates.length >> 1]!;
  }
}
