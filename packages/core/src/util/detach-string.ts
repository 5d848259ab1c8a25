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
