/**
 * Merges many time-ordered request streams into one time-ordered stream with a binary heap keyed on
 * each stream's next request. Ties keep stream order, so the output is the same for the same input.
 * A stream that goes back in time is a bug in its actor and fails loudly.
 */
import type { LabRequest, RequestStream } from './lab-request.js';

interface Entry {
  req: LabRequest;
  readonly stream: RequestStream;
  readonly order: number;
}

function before(a: Entry, b: Entry): boolean {
  return a.req.ts < b.req.ts || (a.req.ts === b.req.ts && a.order < b.order);
}

export function* mergeStreams(
  streams: readonly RequestStream[],
  dayStart: number,
  dayEnd: number,
): Generator<LabRequest> {
  const heap: Entry[] = [];
  const push = (e: Entry) => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Entry, heap[parent] as Entry)) break;
      [heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry];
      i = parent;
    }
  };
  const siftDown = () => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l] as Entry, heap[m] as Entry)) m = l;
      if (r < heap.length && before(heap[r] as Entry, heap[m] as Entry)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as Entry, heap[i] as Entry];
      i = m;
    }
  };
  const nextOf = (stream: RequestStream): LabRequest | undefined => {
    const n = stream.next();
    if (n.done || n.value.ts >= dayEnd) return undefined;
    return n.value;
  };
  streams.forEach((stream, order) => {
    const req = nextOf(stream);
    if (req) push({ req, stream, order });
  });
  while (heap.length > 0) {
    const top = heap[0] as Entry;
    const current = top.req;
    if (current.ts >= dayStart) yield current;
    const next = nextOf(top.stream);
    if (next) {
      if (next.ts < current.ts)
        throw new Error(`lab stream ${top.order} went back in time (${next.ts} < ${current.ts})`);
      top.req = next;
    } else {
      const last = heap.pop() as Entry;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    siftDown();
  }
}
