/**
 * Timestamp readers for the layouts access logs use: CLF `10/Oct/2000:13:55:36 -0700` (optionally with
 * `.mmm` as HAProxy writes), ISO 8601 / RFC 3339, and epoch numbers in s/ms/µs/ns. All return epoch ms UTC
 * or NaN. Consecutive lines usually share a second, so the CLF and ISO readers keep the last text and its
 * value and skip all parsing on a repeat.
 */
import { civilToEpochMs, digits, monthAt, offsetAt } from './civil-time.js';

const offsetOut = { len: 0 };

/** Parses CLF time, `dd/Mon/yyyy:hh:mm:ss[.fff] [±hhmm]`; no offset means UTC. */
export function parseClfTime(s: string): number {
  if (s.length < 20 || s.charCodeAt(2) !== 47 || s.charCodeAt(6) !== 47 || s.charCodeAt(11) !== 58) {
    return Number.NaN;
  }
  const d = digits(s, 0, 2);
  const mo = monthAt(s, 3);
  const y = digits(s, 7, 4);
  const h = digits(s, 12, 2);
  const mi = digits(s, 15, 2);
  const sec = digits(s, 18, 2);
  if (d < 0 || mo === 0 || y < 0 || h < 0 || mi < 0 || sec < 0) return Number.NaN;
  if (s.charCodeAt(14) !== 58 || s.charCodeAt(17) !== 58) return Number.NaN;
  let i = 20;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return Number.NaN;
    ms = fractionMs(s, start, i);
  }
  let off = 0;
  if (i < s.length) {
    if (s.charCodeAt(i) !== 32) return Number.NaN;
    off = offsetAt(s, i + 1, offsetOut);
    if (Number.isNaN(off) || i + 1 + offsetOut.len !== s.length) return Number.NaN;
  }
  return civilToEpochMs(y, mo, d, h, mi, sec, ms) - off;
}

/** Parses ISO 8601 `yyyy-mm-ddThh:mm:ss[.f…](Z|±hh:mm|±hhmm)`; a space instead of `T` is accepted. */
export function parseIsoTime(s: string): number {
  if (s.length < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116 && t !== 32) return Number.NaN;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return Number.NaN;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
    const start = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return Number.NaN;
    ms = fractionMs(s, start, i);
  }
  let off = 0;
  if (i < s.length) {
    off = offsetAt(s, i, offsetOut);
    if (Number.isNaN(off) || i + offsetOut.len !== s.length) return Number.NaN;
  }
  return civilToEpochMs(y, mo, d, h, mi, sec, ms) - off;
}

function fractionMs(s: string, start: number, end: number): number {
  // Only the first three digits matter; more (µs, ns) are truncated, fewer are scaled.
  let v = 0;
  for (let k = 0; k < 3; k++) v = v * 10 + (start + k < end ? s.charCodeAt(start + k) - 48 : 0);
  return v;
}

/**
 * Epoch number to ms, guessing the unit by magnitude: seconds (may carry a fraction), ms, µs or ns.
 * Valid for dates between 1973 and 5138; NaN for negatives and non-finite values.
 */
export function epochToMs(n: number): number {
  if (!Number.isFinite(n) || n < 0) return Number.NaN;
  if (n < 1e11) return Math.round(n * 1000);
  if (n < 1e14) return Math.round(n);
  if (n < 1e17) return Math.floor(n / 1000);
  return Math.floor(n / 1e6);
}

/** Epoch text (`1700000000.123`, `1700000000123`, a nanosecond count) to ms; NaN when not a number. */
export function parseEpochText(s: string): number {
  if (s.length === 0 || s.length > 25) return Number.NaN;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46) return Number.NaN;
  }
  return epochToMs(Number(s));
}

/** A reader with a one-entry cache: repeated timestamp text (same second) costs one string compare. */
export class CachedTimeReader {
  private lastText = '';
  private lastValue = Number.NaN;
  constructor(private readonly read: (s: string) => number) {}

  parse(s: string): number {
    if (s === this.lastText) return this.lastValue;
    const v = this.read(s);
    this.lastText = s;
    this.lastValue = v;
    return v;
  }
}

/**
 * CLF reader that caches by the hour: lines within the same hour and offset (`dd/Mon/yyyy:hh`, `+zzzz`)
 * reuse the hour's epoch value and only read minutes and seconds. Falls back to the full parser for
 * anything unusual (fractions, missing offset), which also does all validation on a cache miss.
 */
export class ClfTimeReader {
  private hourPrefix = '';
  private hourTail = '';
  private hourBase = Number.NaN;

  parse(s: string): number {
    return this.parseAt(s, 0, s.length);
  }

  /** Reads `line[start, end)`; the common case (same hour) takes no substring. */
  parseAt(line: string, start: number, end: number): number {
    // Fast path: `dd/Mon/yyyy:hh:mm:ss +zzzz`, 26 characters, same hour and offset as the last line.
    if (
      end - start === 26 &&
      this.hourPrefix !== '' &&
      line.startsWith(this.hourPrefix, start) &&
      line.startsWith(this.hourTail, start + 20)
    ) {
      const mi = digits(line, start + 15, 2);
      const sec = digits(line, start + 18, 2);
      if (mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59 && line.charCodeAt(start + 14) === 58) {
        if (line.charCodeAt(start + 17) === 58) return this.hourBase + mi * 60000 + sec * 1000;
      }
    }
    const s = line.slice(start, end);
    const v = parseClfTime(s);
    if (s.length === 26 && !Number.isNaN(v)) {
      this.hourPrefix = s.slice(0, 14);
      this.hourTail = s.slice(20);
      this.hourBase = v - digits(s, 15, 2) * 60000 - digits(s, 18, 2) * 1000;
    }
    return v;
  }
}

/** Any of the above, by shape: ISO when it has a '-' at index 4, CLF when a '/' at index 2, else epoch. */
export function parseAnyTime(s: string): number {
  if (s.charCodeAt(4) === 45) return parseIsoTime(s);
  if (s.charCodeAt(2) === 47) return parseClfTime(s);
  return parseEpochText(s);
}
