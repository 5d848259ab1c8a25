/**
 * Calendar arithmetic without `Date`: validated civil date-time → epoch milliseconds UTC. Parsers use it
 * so that impossible dates (31 Feb, hour 25) are rejected instead of silently rolled over, and so that no
 * per-line `Date` object is needed. Returns NaN for anything invalid.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Epoch ms of a UTC civil time; NaN when a component is out of range. Years 1970–9999 only: access logs
 * from before the epoch are corrupt. A leap second (ss = 60) is folded onto the next second.
 */
export function civilToEpochMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (!(y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59)) {
    return Number.NaN;
  }
  if (!(s >= 0 && s <= 60 && ms >= 0 && ms < 1000)) return Number.NaN;
  const dim = mo === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[mo - 1]!;
  if (d > dim) return Number.NaN;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
}

/** Value of `len` ASCII digits at `at`, or -1 when any is not a digit. */
export function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/** 1–12 for an English three-letter month abbreviation at `at` (case as logged: 'Feb'), else 0. */
export function monthAt(s: string, at: number): number {
  return MONTHS[s.slice(at, at + 3)] ?? 0;
}

/**
 * Parses a numeric UTC offset at `at`: '+hhmm', '+hh:mm', or 'Z'. Returns the offset in ms and its text
 * length via `out`, or NaN when malformed.
 */
export function offsetAt(s: string, at: number, out: { len: number }): number {
  const c = s.charCodeAt(at);
  if (c === 90 /* Z */ || c === 122 /* z */) {
    out.len = 1;
    return 0;
  }
  if (c !== 43 /* + */ && c !== 45 /* - */) return Number.NaN;
  const hh = digits(s, at + 1, 2);
  const colon = s.charCodeAt(at + 3) === 58;
  const mm = digits(s, at + (colon ? 4 : 3), 2);
  if (hh < 0 || mm < 0 || hh > 23 || mm > 59) return Number.NaN;
  out.len = colon ? 6 : 5;
  const v = (hh * 60 + mm) * 60000;
  return c === 45 ? -v : v;
}
