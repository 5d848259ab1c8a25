import { makeRequestEvent, type RequestEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { type EventCursor, mergeByTime } from './merge-by-time.js';

/** A cursor over fixed batches, as a file source delivers them. */
function cursor(index: number, batches: number[][]): EventCursor {
  const queue = batches.map((b) =>
    b.map((ts, i) =>
      makeRequestEvent({ ts, ip: `10.0.0.${index}`, method: 'GET', path: `/${i}`, status: 200, source: `f${index}` }),
    ),
  );
  const c: EventCursor = {
    index,
    events: [],
    pos: 0,
    refill: async () => {
      c.events = queue.shift() ?? [];
      c.pos = 0;
      return c.events.length > 0;
    },
  };
  return c;
}

async function merged(cursors: EventCursor[]): Promise<Array<[number, string]>> {
  const out: RequestEvent[] = [];
  await mergeByTime(cursors, (e) => out.push(e));
  return out.map((e) => [e.ts, e.source]);
}

describe('mergeByTime', () => {
  it('interleaves several files in event-time order across batch boundaries', async () => {
    const out = await merged([
      cursor(0, [
        [1, 4],
        [7, 10],
      ]),
      cursor(1, [[2, 3, 8]]),
      cursor(2, [[5], [6], [9]]),
    ]);
    expect(out.map((o) => o[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps input order for equal timestamps (stable)', async () => {
    const out = await merged([cursor(0, [[5, 5]]), cursor(1, [[5]]), cursor(2, [[1, 5]])]);
    expect(out).toEqual([
      [1, 'f2'],
      [5, 'f0'],
      [5, 'f0'],
      [5, 'f1'],
      [5, 'f2'],
    ]);
  });

  it('copes with empty streams', async () => {
    const out = await merged([cursor(0, []), cursor(1, [[3]]), cursor(2, [])]);
    expect(out).toEqual([[3, 'f1']]);
  });
});
