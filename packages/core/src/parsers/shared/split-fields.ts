/**
 * Splits a line of space-separated fields where fields with spaces are double-quoted (AWS ALB, HAProxy's
 * tail). A backslash escapes a quote inside a quoted field. Fills a reused array; quotes are removed.
 */

/** Returns the number of fields written into `out` (which grows as needed); -1 on an unclosed quote. */
export function splitQuotedFields(line: string, out: string[]): number {
  let n = 0;
  let i = 0;
  const len = line.length;
  while (i < len) {
    while (i < len && line.charCodeAt(i) === 32) i++;
    if (i >= len) break;
    if (line.charCodeAt(i) === 34 /* " */) {
      let j = line.indexOf('"', i + 1);
      while (j > 0 && line.charCodeAt(j - 1) === 92 /* \ */) j = line.indexOf('"', j + 1);
      if (j < 0) return -1;
      out[n++] = line.slice(i + 1, j);
      i = j + 1;
    } else {
      let j = line.indexOf(' ', i);
      if (j < 0) j = len;
      out[n++] = line.slice(i, j);
      i = j;
    }
  }
  return n;
}
