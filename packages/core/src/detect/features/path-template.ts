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

/** Classifies one segment: 1 numeric id, 2 other id-like token, 0 a word. */
function segmentKind(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let digits = 0;
  let hex = 0;
  let dash = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    if (isHex(c)) hex++;
    else if (c === 45) dash++;
  }
  if (digits === n && n <= 15) return 1;
  if (n >= 8 && hex + dash === n && digits > 0) return 2; // uuid, hashes
  if (n >= 16 && digits >= 3) return 2; // opaque tokens
  return 0;
}

export function templatePath(path: string): PathTemplate {
  let out = '';
  let id = -1;
  let start = 0;
  let changed = false;
  const n = path.length;
  for (let i = 0; i <= n; i++) {
    if (i === n || path.charCodeAt(i) === 47) {
      if (i > start) {
        const seg = path.slice(start, i);
        const kind = segmentKind(seg);
        if (kind === 1) id = Number(seg);
        if (kind !== 0) changed = true;
        out += kind === 0 ? seg : ':id';
      }
      if (i < n) out += '/';
      start = i + 1;
    }
  }
  return { template: changed ? out : path, id };
}

/** Numeric value of the first query parameter named in `names` (e.g. page, offset), or -1. */
export function queryNumber(query: string, names: readonly string[]): number {
  if (query === '') return -1;
  for (const name of names) {
    let at = query.indexOf(`${name}=`);
    while (at > 0 && query.charCodeAt(at - 1) !== 38) at = query.indexOf(`${name}=`, at + 1);
    if (at < 0) continue;
    let v = 0;
    let i = at + name.length + 1;
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
