/** Number, share, time and size formatting for the views (locale-independent, compact). */
const nf = new Intl.NumberFormat('en-US');

export const num = (n: number | undefined): string => (n === undefined ? '–' : nf.format(n));

export function pct(share: number | undefined): string {
  if (share === undefined || !Number.isFinite(share)) return '–';
  const p = share * 100;
  return p === 0 ? '0%' : p < 0.01 ? '<0.01%' : `${p.toFixed(p < 10 ? 2 : 1)}%`;
}

export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** UTC, to the second: operators compare with log lines, which are UTC here. */
export function time(ms: number | string | undefined): string {
  if (ms === undefined) return '–';
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function duration(seconds: number | undefined): string {
  if (seconds === undefined) return 'permanent';
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** Parses 30m / 6h / 7d / 3600 into seconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d{1,7})\s*([smhd]?)\s*$/.exec(text);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}
