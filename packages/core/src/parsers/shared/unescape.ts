/**
 * Undoes the escaping web servers apply to logged strings: nginx `escape=default` (`\xHH` for `"`, `\`
 * and bytes < 0x20 or ≥ 0x7f), Apache (`\"`, `\\`, `\n`, `\xhh`) and JSON (`\"`, `\n`, `\u00XX`). Escaped
 * bytes ≥ 0x80 are UTF-8 sequences and are decoded as such (invalid sequences become U+FFFD). Callers
 * only call it when the value contains a backslash, so clean values cost one `indexOf`.
 */

const SIMPLE: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, '"': 34, '\\': 92, '/': 47 };

export function unescapeLogValue(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  const bytes: number[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 92 && i + 1 < s.length) {
      const n = s[i + 1]!;
      if ((n === 'x' || n === 'X') && isHex(s, i + 2, 2)) {
        bytes.push(Number.parseInt(s.slice(i + 2, i + 4), 16));
        i += 4;
        continue;
      }
      if (n === 'u' && isHex(s, i + 2, 4)) {
        pushUtf8(bytes, Number.parseInt(s.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      const simple = SIMPLE[n];
      if (simple !== undefined) {
        bytes.push(simple);
        i += 2;
        continue;
      }
    }
    const cp = s.codePointAt(i)!;
    pushUtf8(bytes, cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

function isHex(s: string, at: number, len: number): boolean {
  if (at + len > s.length) return false;
  for (let k = at; k < at + len; k++) {
    const c = s.charCodeAt(k) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}
