/**
 * Counts occurrences per key and answers "top N". Exact while the number of distinct keys stays within
 * `maxKeys` (default 100,000 per dimension, a few tens of MB at most); past that it prunes the least
 * frequent half and keeps going in bounded memory (lossy counting: a key first seen after a prune starts
 * at `maxError + 1`, as in Space-Saving). Then a reported count may exceed the true one by at most
 * `maxError`, and no key whose true count exceeds `maxError` is lost, so the heavy hitters stay right.
 */
import { internString } from '@rampart/core';

export const DEFAULT_MAX_KEYS = 100_000;

export interface TopEntry {
  readonly value: string;
  readonly count: number;
}

export class TopCounter {
  private readonly counts = new Map<string, { n: number }>();
  /**
   * The previous key and its counter: consecutive log lines often repeat a value (one host, one method,
   * a client's burst), and comparing with the last key is cheaper than a lookup in a large table.
   */
  private lastKey = '';
  private lastCounter: { n: number } | undefined = undefined;
  /** Largest count ever pruned; 0 while exact. */
  maxError = 0;

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  add(key: string): void {
    if (key === this.lastKey && this.lastCounter !== undefined) {
      this.lastCounter.n++;
      return;
    }
    let counter = this.counts.get(key);
    if (counter !== undefined) counter.n++;
    else {
      // A new key is stored long-term: copy it so it does not pin the chunk it was cut from.
      counter = { n: this.maxError + 1 };
      key = internString(key);
      this.counts.set(key, counter);
      if (this.counts.size > this.maxKeys) {
        this.prune();
        counter = this.counts.get(key);
      }
    }
    // After a hit this is the caller's string: one value per counter, pinning at most one log chunk
    // until the next different key (the parser already interns paths and user agents).
    this.lastKey = counter === undefined ? '' : key;
    this.lastCounter = counter;
  }

  get exact(): boolean {
    return this.maxError === 0;
  }

  /** Distinct keys currently held (a lower bound once pruned). */
  get distinct(): number {
    return this.counts.size;
  }

  /** The `n` most frequent keys, ties by value; O(keys · log n) with a bounded min-heap, no full sort. */
  top(n: number): TopEntry[] {
    const heap: TopEntry[] = [];
    for (const [value, c] of this.counts) {
      if (heap.length < n) {
        heap.push({ value, count: c.n });
        siftUp(heap, heap.length - 1);
      } else if (n > 0 && ranksAbove(c.n, value, heap[0]!)) {
        heap[0] = { value, count: c.n };
        siftDown(heap, 0);
      }
    }
    return heap.sort((a, b) => (ranksAbove(a.count, a.value, b) ? -1 : 1));
  }

  /** Drops the keys at or below the median count, remembering the largest count dropped. */
  private prune(): void {
    const values = Array.from(this.counts.values(), (c) => c.n).sort((a, b) => a - b);
    const threshold = values[Math.floor(values.length / 2)] ?? 0;
    for (const [key, c] of this.counts) if (c.n <= threshold) this.counts.delete(key);
    this.maxError = Math.max(this.maxError, threshold);
  }
}

/** True when (count, value) ranks before `other`: higher count first, then smaller value. */
function ranksAbove(count: number, value: string, other: TopEntry): boolean {
  return count > other.count || (count === other.count && value < other.value);
}

/** Min-heap by rank: the root is the entry that ranks lowest among those kept. */
function siftUp(heap: TopEntry[], index: number): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!ranksAbove(heap[parent]!.count, heap[parent]!.value, heap[i]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: TopEntry[], index: number): void {
  let i = index;
  for (;;) {
    const l = 2 * i + 1;
    let m = i;
    if (l < heap.length && ranksAbove(heap[m]!.count, heap[m]!.value, heap[l]!)) m = l;
    if (l + 1 < heap.length && ranksAbove(heap[m]!.count, heap[m]!.value, heap[l + 1]!)) m = l + 1;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
}
