/**
 * Daily rhythms: when people of a given time zone use the site (evening peak, night trough) and when
 * office workers do. Times are drawn in local hours and folded into the UTC day.
 */
import type { Rng } from './prng.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Relative activity per local hour of people at home (shape of a typical consumer site). */
export const HOME_RHYTHM = [
  0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1, 1.05, 0.95, 0.9, 0.9, 0.95, 1, 1.1, 1.3, 1.4, 1.25,
  0.95, 0.6,
];

/** Relative activity per local hour of people at work on a weekday. */
export const OFFICE_RHYTHM = [
  0, 0, 0, 0, 0, 0, 0, 0.05, 0.5, 1, 1, 1, 0.6, 0.8, 1, 1, 0.9, 0.6, 0.2, 0.05, 0.02, 0, 0, 0,
];

/** A moment of the UTC day starting at `dayStart`, drawn from a local-time rhythm. */
export function drawDayTime(rng: Rng, dayStart: number, utcOffsetHours: number, rhythm: readonly number[]): number {
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const localHour = rng.weighted(hours, rhythm);
  const local = (localHour + rng.float()) * HOUR_MS;
  const utc = (((local - utcOffsetHours * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return dayStart + utc;
}

/** Several sorted moments from the same rhythm (session starts of one person). */
export function drawSessionStarts(
  rng: Rng,
  count: number,
  dayStart: number,
  utcOffsetHours: number,
  rhythm: readonly number[],
): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(drawDayTime(rng, dayStart, utcOffsetHours, rhythm));
  return out.sort((a, b) => a - b);
}

export { DAY_MS, HOUR_MS };
