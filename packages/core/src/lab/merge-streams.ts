/**
 * Merges many time-ordered request streams into one time-ordered stream with a binary heap keyed on
 * each stream's next request time. Ties keep stream order, so the output is the same for the same input.
 * A stream that goes back in time is a bug in its actor and fails loudly. Pull-based (`next()` returns
 * the request or undefined) so the hot loop allocates no iterator results of its own.
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

export class StreamMerger {
  private readonly heap: Entry[] = [];
  /** The entry whose request was handed out last; it is advanced on the next call. */
  private pending: Entry | undefined;

  constructor(
    streams: readonly RequestStream[],
    private readonly dayStart: number,
    private readonly dayEnd: number,
  ) {
    streams.forEach((stream, order) => {
      const req = this.pull(stream);
      if (req) this.push({ ts: req.ts, req, stream, order });
    });
  }

  /** The next request of the day in time order, or undefined when every stream is done. */
  next(): LabRequest | undefined {
    for (;;) {
      if (this.pending) this.advance(this.pending);
      const top = this.heap[0];
      if (!top) return undefined;
      this.pending = top;
      if (top.ts >= this.dayStart) return top.req;
    }
  }

  private pull(stream: RequestStream): LabRequest | undefined {
    const n = stream.next();
    if (n.done || n.value.ts >= this.dayEnd) return undefined;
    return n.value;
  }

  private push(e: Entry): void {
    const heap = this.heap;
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
  }

  /** Replaces the top entry's request with its stream's next one (or drops the stream) and re-heaps. */
  private advance(top: Entry): void {
    this.pending = undefined;
    const heap = this.heap;
    const next = this.pull(top.stream);
    let moving = top;
    if (next) {
      if (next.ts < top.ts) throw new Error(`lab stream ${top.order} went back in time (${next.ts} < ${top.ts})`);
      top.req = next;
      top.ts = next.ts;
    } else {
      const last = heap.pop() as Entry;
      if (heap.length === 0) return;
      moving = last;
    }
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as Entry, heap[l] as Entry)) c = r;
      const child = heap[c] as Entry;
      if (!before(child, moving)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = moving;
  }
}
