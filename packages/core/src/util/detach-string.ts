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
 * One shared detached copy per distinct value: the parser interns the fields that repeat (path, user
 * agent), and the places that keep those values (summary counters, enrichment and feature caches) intern
 * their keys too, so later `Map` lookups with an event's field find the very same string object (the
 * hash is already computed and equality is a pointer comparison) instead of hashing and comparing the
 * characters of a fresh slice of the log chunk three times per event.
 */
export function internString(s: string): string {
  const c = canonical.get(s);
  if (c !== undefined) return c;
  const own = detachString(s);
  if (canonical.size >= INTERN_LIMIT) canonical.clear();
  canonical.set(own, own);
  return own;
}
