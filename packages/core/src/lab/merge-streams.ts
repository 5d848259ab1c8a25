/**
 * Merges many time-ordered request streams into one time-ordered stream with a binary heap keyed on
 * each stream's next request time. Ties keep stream order, so the output is the same for the same input.
 * A stream that goes back in time is a bug in its actor and fails loudly.
 */
import type { LabRequest, RequestStream } from './lab-request.js';

interface Entry {
  ts: number;
  req: LabRequest;
  readonly stream: RequestStream;
  readonly order: number;
}

function before(a: Entry, b: Entry): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.order < b.order);
}

export function* mergeStreams(
  streams: readonly RequestStream[],
  dayStart: number,
  dayEnd: number,
): Generator<LabRequest> {
  const heap: Entry[] = [];
  const nextOf = (stream: RequestStream): LabRequest | undefined => {
    const n = stream.next();
    if (n.done || n.value.ts >= dayEnd) return undefined;
    return n.value;
  };
  streams.forEach((stream, order) => {
    const req = nextOf(stream);
    if (!req) return;
    // Sift up with a hole instead of swaps.
    const e: Entry = { ts: req.ts, req, stream, order };
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry;
      if (!before(e, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  });
  while (heap.length > 0) {
    let top = heap[0] as Entry;
    const current = top.req;
    if (current.ts >= dayStart) yield current;
    const next = nextOf(top.stream);
    if (next) {
      if (next.ts < current.ts)
        throw new Error(`lab stream ${top.order} went back in time (${next.ts} < ${current.ts})`);
      top.req = next;
      top.ts = next.ts;
    } else {
      const last = heap.pop() as Entry;
      if (heap.length === 0) break;
      top = last;
    }
    // Sift the (new) top down with a hole.
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as Entry, heap[l] as Entry)) c = r;
      const child = heap[c] as Entry;
      if (!before(child, top)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = top;
  }
}
