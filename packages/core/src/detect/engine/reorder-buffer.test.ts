import { describe, expect, it } from 'vitest';
import type { EnrichedEvent } from '../../event/enriched-event.js';
import { makeRequestEvent } from '../../event/request-event.js';
import { compareEvents, ReorderBuffer, sortEvents } from './reorder-buffer.js';

/** Only the fields the canonical order reads (time, client, path, raw line) and the line number. */
function ev(ts: number, client: string, path: string, raw: string, line: number): EnrichedEvent {
  const req = makeRequestEvent({ ts, ip: client, method: 'GET', path, status: 200, raw, line });
  return { req, client } as unknown as EnrichedEvent;
}

/** A deterministic pseudo-random sequence (no Math.random: a failure must be reproducible). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('sortEvents', () => {
  it('orders every bucket size exactly as the stable Array.prototype.sort does, equal events in arrival order', () => {
    const rnd = lcg(7);
    for (const size of [2, 3, 17, 100, 256, 257, 600]) {
      const events: EnrichedEvent[] = [];
      for (let i = 0; i < size; i++) {
        // Few distinct values, so that many events compare equal and stability is exercised.
        const client = `10.0.0.${Math.floor(rnd() * 5)}`;
        const path = `/p/${Math.floor(rnd() * 3)}`;
        events.push(ev(1000, client, path, `${client} ${path}`, i + 1));
      }
      const expected = [...events].sort(compareEvents).map((e) => e.req.line);
      sortEvents(events);
      expect(events.map((e) => e.req.line)).toEqual(expected);
    }
  });
});

describe('ReorderBuffer', () => {
  it('releases seconds in order, each bucket sorted, and refuses events older than what was released', () => {
    const buffer = new ReorderBuffer(1);
    const released: Array<[number, number[]]> = [];
    const emit = (sec: number, events: EnrichedEvent[]) => released.push([sec, events.map((e) => e.req.line)]);
    // Arrival out of order within the lateness: seconds 5, 3, 4, 3 (the second event of second 3 sorts first).
    expect(buffer.push(ev(5000, '10.0.0.1', '/a', 'x', 1))).toBe(true);
    expect(buffer.push(ev(3000, '10.0.0.2', '/a', 'y', 2))).toBe(true);
    expect(buffer.push(ev(4000, '10.0.0.1', '/a', 'z', 3))).toBe(true);
    expect(buffer.push(ev(3000, '10.0.0.1', '/a', 'w', 4))).toBe(true);
    buffer.release(buffer.cutoff, emit);
    expect(released).toEqual([[3, [4, 2]]]);
    expect(buffer.push(ev(2000, '10.0.0.9', '/a', 'late', 5))).toBe(false);
    buffer.release(6, emit);
    expect(released).toEqual([
      [3, [4, 2]],
      [4, [3]],
      [5, [1]],
    ]);
    expect(buffer.pending).toBe(0);
  });

  it('lets go of released events: the array handed to emit is empty once emit returns', () => {
    // (A V8 Map keeps a deleted entry's value reachable until it rehashes: a released bucket left
    // filled would keep its events alive long after detection saw them.)
    const buffer = new ReorderBuffer(0);
    const handed: EnrichedEvent[][] = [];
    const seen: number[] = [];
    buffer.push(ev(1000, '10.0.0.1', '/a', 'x', 1));
    buffer.push(ev(1000, '10.0.0.2', '/b', 'y', 2));
    buffer.release(2, (_sec, events) => {
      handed.push(events);
      seen.push(...events.map((e) => e.req.line));
    });
    expect(seen).toEqual([1, 2]);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toHaveLength(0);
  });
});
