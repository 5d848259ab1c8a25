/**
 * Operations on sorted network lists: collapsing (duplicates and networks inside a wider one dropped, so
 * the result is sorted and disjoint), and coverage/overlap tests by binary search on such a list.
 */
import type { Cidr } from '@rampart/core';

export interface NetSets {
  readonly v4: readonly Cidr[];
  readonly v6: readonly Cidr[];
}

function cmp(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by family and start; duplicates and networks inside a wider kept network removed. */
export function collapse(cidrs: readonly Cidr[]): NetSets {
  const out = { v4: [] as Cidr[], v6: [] as Cidr[] };
  const sorted = [...cidrs].sort(
    (a, b) => a.version - b.version || cmp(a.first, b.first) || a.prefixLength - b.prefixLength,
  );
  for (const c of sorted) {
    const list = c.version === 4 ? out.v4 : out.v6;
    const top = list[list.length - 1];
    // CIDRs either nest or are disjoint, so the last kept network is the only one that can contain c.
    if (top && c.first >= top.first && c.last <= top.last) continue;
    list.push(c);
  }
  return out;
}

/** The network of a collapsed list that overlaps `c`, if any. */
export function overlapping(c: Cidr, list: readonly Cidr[]): Cidr | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const w = list[mid]!;
    if (w.last < c.first) lo = mid + 1;
    else if (w.first > c.last) hi = mid - 1;
    else return w;
  }
  return undefined;
}

/** Drops the networks of `sets` lying inside a network of `by` (a collapsed list). */
export function withoutCovered(sets: NetSets, by: NetSets): NetSets {
  const keep = (list: readonly Cidr[], cover: readonly Cidr[]) =>
    list.filter((c) => {
      const w = overlapping(c, cover);
      return !(w && c.first >= w.first && c.last <= w.last);
    });
  return { v4: keep(sets.v4, by.v4), v6: keep(sets.v6, by.v6) };
}

export function family(sets: NetSets, version: 4 | 6): readonly Cidr[] {
  return version === 4 ? sets.v4 : sets.v6;
}
