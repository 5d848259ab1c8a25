/**
 * Counts occurrences per key and answers "top N". Exact while the number of distinct keys stays within
 * `maxKeys` (default 100,000 per dimension, a few tens of MB at most); past that it prunes the least
 * frequent half and keeps going in bounded memory (lossy counting: a key first seen after a prune starts
 * at `maxError + 1`, as in Space-Saving). Then a reported count may exceed the true one by at most
 * `maxError`, and no key whose true count exceeds `maxError` is lost, so the heavy hitters stay right.
 */
import { detachString } from '../../sources/lines/printable-sample.js';

export const DEFAULT_MAX_KEYS = 100_000;

export interface TopEntry {
  readonly value: string;
  readonly count: number;
}

export class TopCounter {
  private readonly counts = new Map<string, { n: number }>();
  /** Largest count ever pruned; 0 while exact. */
  maxError = 0;

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  add(key: string): void {
    const counter = this.counts.get(key);
    if (counter !== undefined) {
      counter.n++;
      return;
    }
    // A new key is stored long-term: copy it so it does not pin the chunk it was cut from.
    this.counts.set(detachString(key), { n: this.maxError + 1 });
    if (this.counts.size > this.maxKeys) this.prune();
  }

  get exact(): boolean {
    return this.maxError === 0;
  }

  /** Distinct keys currently held (a lower bound once pruned). */
  get distinct(): number {
    return this.counts.size;
  }

  top(n: number): TopEntry[] {
    const entries: TopEntry[] = [];
    for (const [value, c] of this.counts) entries.push({ value, count: c.n });
    entries.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return entries.slice(0, n);
  }

  /** Drops the keys at or below the median count, remembering the largest count dropped. */
  private prune(): void {
    const values = Array.from(this.counts.values(), (c) => c.n).sort((a, b) => a - b);
    const threshold = values[Math.floor(values.length / 2)] ?? 0;
    for (const [key, c] of this.counts) if (c.n <= threshold) this.counts.delete(key);
    this.maxError = Math.max(this.maxError, threshold);
  }
}
