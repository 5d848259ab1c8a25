/**
 * Merges several event streams into one in event-time order: a k-way merge with a small binary heap
 * keyed by (head timestamp, stream index). Equal timestamps keep stream order, and each stream keeps its
 * own order, so the merge is stable. Streams are pulled in batches, so awaiting happens per batch, not
 * per event. Each stream is assumed roughly time-ordered (as log files are); the merge does not sort
 * within a stream.
 */
import type { RequestEvent } from '@rampart/core';

export interface EventCursor {
  /** Position in the input list: the tie-breaker for equal timestamps. */
  readonly index: number;
  /** The current batch; `pos` is the next event to emit. */
  events: RequestEvent[];
  pos: number;
  /** Loads the next non-empty batch into `events` (pos = 0); false at end of stream. */
  refill(): Promise<boolean>;
}

export async function mergeByTime(cursors: readonly EventCursor[], emit: (event: RequestEvent) => void): Promise<void> {
  const heap: EventCursor[] = [];
  for (const c of cursors) if (c.pos < c.events.length || (await c.refill())) push(heap, c);
  while (heap.length > 0) {
    const c = pop(heap);
    const next = heap[0];
    const limit = next ? next.events[next.pos]!.ts : Number.POSITIVE_INFINITY;
    const laterIndex = next !== undefined && c.index > next.index;
    for (;;) {
      const event = c.events[c.pos]!;
      if (event.ts > limit || (laterIndex && event.ts === limit)) break;
      emit(event);
      c.pos++;
      if (c.pos === c.events.length && !(await c.refill())) break;
    }
    if (c.pos < c.events.length) push(heap, c);
  }
}

function before(a: EventCursor, b: EventCursor): boolean {
  const ta = a.events[a.pos]!.ts;
  const tb = b.events[b.pos]!.ts;
  return ta < tb || (ta === tb && a.index < b.index);
}

function push(heap: EventCursor[], c: EventCursor): void {
  heap.push(c);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function pop(heap: EventCursor[]): EventCursor {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
  return top;
}
