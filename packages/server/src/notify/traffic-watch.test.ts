import { configFromYaml } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { TrafficWatch } from './traffic-watch.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 10, 12);
/** Epoch minute of minute `i` after T0. */
const M = (i: number) => Math.floor(T0 / MIN) + i;

/** `perMinute[i]` requests (with `status`) in minute i after T0. */
function feed(w: TrafficWatch, perMinute: readonly number[], status = 200, service = 'api'): void {
  perMinute.forEach((n, i) => {
    for (let k = 0; k < n; k++) w.count(service, T0 + i * MIN + Math.floor((k * MIN) / n), status);
  });
}

const quiet = (n: number, v = 10) => Array.from({ length: n }, () => v);

describe('TrafficWatch', () => {
  it('reports a request spike once, when it starts, and again only after it ended', () => {
    const w = new TrafficWatch();
    feed(w, [...quiet(40), 400, 400, 400]);
    const at = (minute: number) => T0 + minute * MIN;
    // Watermark in minute 43: minute 42 is the latest complete one.
    const first = w.check(at(43) + 5000, at(43) + 5000);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      type: 'traffic.spike',
      service: 'api',
      metric: 'requests',
      rate: 400,
      at: at(42),
    });
    expect(first[0]!.baseline).toBe(10);
    // The same minute again, and the spike going on: nothing new.
    expect(w.check(at(43) + 30_000, at(43) + 30_000)).toEqual([]);
    feed(w, [...quiet(43, 0), 400]);
    expect(w.check(at(44) + 1000, at(44) + 1000)).toEqual([]);
    // Back to normal for a few minutes, then a new burst: a new alert.
    feed(w, [...quiet(44, 0), 10, 10, 10, 10]);
    expect(w.check(at(48) + 1000, at(48) + 1000)).toEqual([]);
    feed(w, [...quiet(48, 0), 500, 500, 500]);
    expect(w.check(at(51) + 1000, at(51) + 1000)).toHaveLength(1);
  });

  it('counts 5xx and 4xx answers as their own metrics', () => {
    const w = new TrafficWatch();
    feed(w, quiet(40, 20));
    feed(w, [...quiet(40, 0), 300, 300, 300], 503);
    feed(w, [...quiet(40, 0), 5, 5, 5], 404);
    const spikes = w.check(T0 + 43 * MIN, T0 + 43 * MIN);
    expect(spikes.map((s) => s.metric).sort()).toEqual(['errors', 'requests']);
    expect(w.series('api', 'client_errors', M(42)).slice(-3)).toEqual([5, 5, 5]);
  });

  it('stays quiet without 30 minutes of history and for services it never saw', () => {
    const w = new TrafficWatch();
    feed(w, [...quiet(10), 1000, 1000, 1000]);
    expect(w.check(T0 + 13 * MIN, T0 + 13 * MIN)).toEqual([]);
    expect(w.series('other', 'requests', M(12))).toEqual([]);
  });

  it('never reports a spike found in old logs (a replay), but remembers it', () => {
    const w = new TrafficWatch();
    feed(w, [...quiet(40), 400, 400, 400]);
    const replayedAt = T0 + 43 * MIN;
    expect(w.check(replayedAt, replayedAt + 3 * 86_400_000)).toEqual([]);
    // Caught up with the wall clock while the spike goes on: still no alert (it did not start now).
    feed(w, [...quiet(43, 0), 400]);
    expect(w.check(T0 + 44 * MIN, T0 + 44 * MIN)).toEqual([]);
  });

  it('keeps an hour per service: a day of traffic costs the same memory as an hour', () => {
    const w = new TrafficWatch();
    feed(w, quiet(24 * 60, 2));
    const series = w.series('api', 'requests', M(24 * 60 - 1));
    expect(series).toHaveLength(60);
    expect(series.every((n) => n === 2)).toBe(true);
    // Events older than the ring are not counted into a newer minute's slot.
    w.count('api', T0, 200);
    expect(w.series('api', 'requests', M(24 * 60 - 1)).every((n) => n === 2)).toBe(true);
  });

  it('follows the alerts.spike settings of the config file', () => {
    const burst = [...quiet(40), 200, 200, 200]; // 20x the baseline of 10 per minute
    const at = T0 + 43 * MIN;
    const defaults = new TrafficWatch({ spike: configFromYaml('').alerts.spike });
    feed(defaults, burst);
    expect(defaults.check(at, at)).toHaveLength(1);
    const strict = new TrafficWatch({ spike: configFromYaml('alerts:\n  spike: { ratio: 30 }\n').alerts.spike });
    feed(strict, burst);
    expect(strict.check(at, at)).toEqual([]);
    const floor = new TrafficWatch({ spike: configFromYaml('alerts:\n  spike: { minRate: 500 }\n').alerts.spike });
    feed(floor, burst);
    expect(floor.check(at, at)).toEqual([]);
    expect(() => configFromYaml('alerts:\n  spike: { minHistory: 50 }\n')).toThrow(/alerts\.spike\.minHistory/);
  });
});
