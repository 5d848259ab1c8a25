/**
 * Path templating: '/users/123/orders/9f8e…' → '/users/:id/orders/:id', and the last numeric id in the
 * path (for sequential-walk detection). Segments that are all digits, UUIDs, long hex or long mixed
 * tokens are identifiers. Linear in the path length, no regex per segment.
 */

export interface PathTemplate {
  readonly template: string;
  /** Last purely numeric segment as a number, or -1. */
  readonly id: number;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Classifies path[from, to): 1 numeric id, 2 other id-like token, 0 a word. No allocation. */
function segmentKind(path: string, from: number, to: number): number {
  const n = to - from;
  if (n === 0) return 0;
  let digits = 0;
  let hex = 0;
  let dash = 0;
  let alnum = 0;
  for (let i = from; i < to; i++) {
    const c = path.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 45) alnum++;
    if (c >= 48 && c <= 57) digits++;
    if (isHex(c)) hex++;
    else if (c === 45) dash++;
  }
  if (digits === n && n <= 15) return 1;
  if (n >= 8 && hex + dash === n && digits > 0) return 2; // uuid, hashes
  if (n >= 16 && digits >= 3 && alnum === n) return 2; // opaque tokens (never encoded or dotted text)
  return 0;
}

/**
 * Writes the template and last numeric id of `path` into `out` (reused: no allocation for paths
 * without identifiers, which keep their own string as template).
 */
export function templatePathInto(path: string, out: { template: string; id: number }): void {
  const n = path.length;
  let id = -1;
  let changed = false;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || path.charCodeAt(i) === 47) {
      const kind = segmentKind(path, start, i);
      if (kind === 1) id = Number(path.slice(start, i));
      if (kind !== 0) changed = true;
      start = i + 1;
    }
  }
  out.id = id;
  if (!changed) {
    out.template = path;
    return;
  }
  let t = '';
  start = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || path.charCodeAt(i) === 47) {
      if (i > start) t += segmentKind(path, start, i) === 0 ? path.slice(start, i) : ':id';
      if (i < n) t += '/';
      start = i + 1;
    }
  }
  out.template = t;
}

export function templatePath(path: string): PathTemplate {
  const out = { template: '', id: -1 };
  templatePathInto(path, out);
  return out;
}

/**
 * Numeric value of the first query parameter in `namesWithEq` (each written with its '=', e.g. 'page='),
 * or -1. The names carry their '=' so that no string is built per call.
 */
export function queryNumber(query: string, namesWithEq: readonly string[]): number {
  if (query === '') return -1;
  for (const name of namesWithEq) {
    let at = query.indexOf(name);
    while (at > 0 && query.charCodeAt(at - 1) !== 38) at = query.indexOf(name, at + 1);
    if (at < 0) continue;
    let v = 0;
    let i = at + name.length;
    let seen = false;
    for (; i < query.length; i++) {
      const c = query.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      seen = true;
    }
    if (seen) return v;
  }
  return -1;
}

const CURSOR = /(?:^|&)(?:cursor|after|starting_after|next_token|continuation|page_token|scroll_id)=([^&]+)/;

/** The non-empty pagination cursor the query carries ('' when none): walking many distinct cursors is a crawl. */
export function cursorOf(query: string): string {
  if (query === '') return '';
  const m = CURSOR.exec(query);
  return m === null ? '' : m[1]!;
}
