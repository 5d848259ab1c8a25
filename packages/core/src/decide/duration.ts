/**
 * Durations as people write them in config and on the command line ('90s', '30m', '6h', '7d', '2w').
 * Invalid text yields undefined; the caller turns that into a usage error that names the value.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION_RE = /^(\d{1,7})([smhdw])$/;

/** Seconds in a duration like '6h'; undefined when the text is not one (or is zero). */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_RE.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return seconds > 0 ? seconds : undefined;
}

/** The shortest exact text for a number of seconds: 3600 → '1h', 5400 → '90m'. */
export function formatDuration(seconds: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = UNIT_SECONDS[unit]!;
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
