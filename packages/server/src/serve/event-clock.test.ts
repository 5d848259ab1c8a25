import { describe, expect, it } from 'vitest';
import { EventClock } from './event-clock.js';

describe('EventClock', () => {
  it('is undefined before any event, then moves on from the newest event time with the wall clock', () => {
    const c = new EventClock();
    expect(c.watermark(1000)).toBeUndefined();
    c.advance(50_000, 1000); // an event from 50 s of event time, seen at wall 1 s
    expect(c.watermark(1000)).toBe(50_000);
    expect(c.watermark(4000)).toBe(53_000);
    c.advance(40_000, 5000); // older events do not move it back
    expect(c.watermark(5000)).toBe(54_000);
  });
});
