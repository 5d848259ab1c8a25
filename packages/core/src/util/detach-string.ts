/**
 * Substrings in V8 may be views ("sliced strings") of the string they were cut from: one field of a log
 * line kept in a cache or in per-key state pins the whole ~96 KB chunk the line was decoded from. Worse
 * than the memory, a pinned chunk survives young-generation collections and is copied and promoted with
 * it, which made garbage collection the largest single cost of `analyze`. A value kept after its event
 * is gone (a cache key, a key-table key, an evidence line) MUST go through `detachString`.
 */

/**
 * A copy of `s` that shares no memory with its parent. V8 copies substrings shorter than 13 characters
 * anyway, so those are returned as they are.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** Bound on the canonical copies `internString` keeps; past it the table starts over (only speed changes). */
const INTERN_LIMIT = 100_000;
const canonical = new Map<string, string>();

/**
 * A direct-mapped cache in front of `canonical`, indexed by a hash of the length and a few sampled
 * characters: a hit costs one comparison of the characters (no hashing of the whole string and no probe
 * of a 100k-entry table), and most lines repeat a recent path or user agent. A collision or a miss falls
 * back to the full table, so the answer is the same either way.
 */
const FAST_BITS = 14;
const FAST_MASK = (1 << FAST_BITS) - 1;
const fast: string[] = new Array<string>(1 << FAST_BITS).fill('');

function fastSlot(s: string): number {
  const n = s.length;
  let h = n;
  if (n <= 24) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  } else {
    // Ids and versions sit near the end and in the middle: sample there more densely.
    for (let i = n - 6; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const step = n >>> 4;
    for (let i = step; i < n - 6; i += step) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) & FAST_MASK;
}

/**
 * One shared detached copy per distinct value: the parser interns the fields that repeat (path, user
 * agent), and the places that keep those values (summary counters, enrichment and feature caches) intern
 * their keys too, so later `Map` lookups with an event's field find the very same string object (the
 * hash is already computed and equality is a pointer comparison) instead of hashing and comparing the
 * characters of a fresh slice of the log chunk three times per event.
 */
export function internString(s: string): string {
  const slot = fastSlot(s);
  const f = fast[slot]!;
  if (f === s) return f;
  let c = canonical.get(s);
  if (c === undefined) {
    c = detachString(s);
    if (canonical.size >= INTERN_LIMIT) canonical.clear();
    canonical.set(c, c);
  }
  fast[slot] = c;
  return c;
}
