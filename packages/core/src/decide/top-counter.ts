/**
 * Counts values and returns the most frequent. Distinct values are capped (a scanner can request a
 * million different paths): once full, new values are counted under '(other)' so memory stays bounded.
 */
import type { TopItem } from './simulate.js';

export class TopCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxDistinct = 50_000) {}

  add(value: string): void {
    const n = this.counts.get(value);
    if (n !== undefined) this.counts.set(value, n + 1);
    else if (this.counts.size < this.maxDistinct) this.counts.set(value, 1);
    else this.counts.set('(other)', (this.counts.get('(other)') ?? 0) + 1);
  }

  /** Most frequent first; ties by value so the output is stable. */
  top(n: number): TopItem[] {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([value, requests]) => ({ value, requests }));
  }
}
