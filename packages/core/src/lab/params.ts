/**
 * The lab's knobs and the ranges each seed draws them from, so that every seed is a different day: other
 * rates, pool sizes, pacing, timing. `docs/lab.md` lists the same ranges. Volumes marked "per scale" are
 * multiplied by --scale; per-attacker volumes are not (an attacker does not care how big the site is).
 */
import type { Rng } from './prng.js';

type Range = readonly [lo: number, hi: number, kind: 'int' | 'real'];

export const PARAM_RANGES = {
  // The site and its humans.
  productCount: [2_000, 12_000, 'int'],
  userCount: [20_000, 80_000, 'int'],
  blogCount: [80, 300, 'int'],
  humansPerScale: [2_000, 3_600, 'int'],
  sessionsPerHuman: [1.2, 1.9, 'real'],
  pagesPerSession: [3, 6, 'real'],
  thinkMedianSec: [12, 35, 'real'],
  loginShare: [0.08, 0.25, 'real'],
  ipv6Share: [0.15, 0.4, 'real'],
  // Hard negatives.
  passwordRetryPerScale: [60, 200, 'int'],
  powerUsersPerScale: [6, 20, 'int'],
  cgnatGateways: [1, 2, 'int'],
  cgnatPeople: [150, 500, 'int'],
  officeEmployees: [30, 80, 'int'],
  vpnAddresses: [3, 8, 'int'],
  googlebotAddresses: [4, 12, 'int'],
  googlebotPerHourPerScale: [150, 700, 'real'],
  bingbotAddresses: [2, 6, 'int'],
  bingbotPerHourPerScale: [60, 300, 'real'],
  partnerIntervalSec: [20, 90, 'real'],
  // Abuse.
  scannerRequests: [200, 2_000, 'int'],
  scannerMinutes: [2, 20, 'real'],
  lowSlowIntervalMin: [10, 30, 'real'],
  bruteForceAttempts: [200, 1_500, 'int'],
  bruteForceMinutes: [10, 90, 'real'],
  stuffingAddresses: [300, 3_000, 'int'],
  stuffingHours: [6, 20, 'real'],
  scraperPacingSec: [1, 5, 'real'],
  scraperHours: [3, 12, 'real'],
  proxyPoolMembers: [50, 400, 'int'],
  proxyPoolPerSecond: [0.3, 2, 'real'],
  proxyPoolHours: [3, 10, 'real'],
  enumerationIds: [2_000, 15_000, 'int'],
  enumerationPacingSec: [0.2, 1.5, 'real'],
  exfilPages: [300, 3_000, 'int'],
  exfilExports: [2, 8, 'int'],
  exfilExportMb: [50, 800, 'real'],
  pollerIntervalSec: [30, 300, 'real'],
  pollerJitterPct: [0.2, 1.5, 'real'],
  floodMultiple: [15, 40, 'real'],
  floodSeconds: [90, 300, 'real'],
  ddosSources: [100, 400, 'int'],
  ddosMultiple: [15, 40, 'real'],
  ddosSeconds: [120, 420, 'real'],
  impersonatorRequests: [200, 2_000, 'int'],
  impersonatorPerSecond: [0.2, 2, 'real'],
  keyAbuseAddresses: [20, 80, 'int'],
  keyAbuseMinutes: [30, 90, 'real'],
  keySpikeFactor: [50, 120, 'real'],
  keySpikeMinutes: [20, 60, 'real'],
  badAutomationRequests: [100, 800, 'int'],
  // How many independent actors play some scenarios (each extra one draws its own knobs from the ranges).
  burstScanners: [1, 3, 'int'],
  bruteForcers: [1, 2, 'int'],
  singleScrapers: [1, 2, 'int'],
  pollers: [1, 3, 'int'],
  // A newsletter sends many people to one landing page within minutes: a benign surge.
  flashCrowdPerScale: [300, 1_000, 'int'],
  flashCrowdArrivalMin: [4, 15, 'real'],
} as const satisfies Record<string, Range>;

export type LabParams = { readonly [K in keyof typeof PARAM_RANGES]: number };
export type LabParamName = keyof typeof PARAM_RANGES;

function drawOne(rng: Rng, [lo, hi, kind]: Range): number {
  return kind === 'int' ? rng.int(lo, hi) : Math.round(rng.range(lo, hi) * 1000) / 1000;
}

/** Draws every parameter in a fixed order (adding a parameter at the end keeps older seeds' draws). */
export function drawParams(rng: Rng): LabParams {
  const out: Record<string, number> = {};
  for (const [name, range] of Object.entries(PARAM_RANGES) as Array<[string, Range]>) out[name] = drawOne(rng, range);
  return out as LabParams;
}

/**
 * Parameters for the n-th actor of a scenario: the day's drawn values for the first (n = 0), fresh draws
 * from the same ranges for the others, so two scanners on one day do not behave identically.
 */
export function paramsForInstance(params: LabParams, rng: Rng, n: number, names: readonly LabParamName[]): LabParams {
  if (n === 0) return params;
  const out: Record<string, number> = { ...params };
  for (const name of names) out[name] = drawOne(rng, PARAM_RANGES[name]);
  return out as LabParams;
}
