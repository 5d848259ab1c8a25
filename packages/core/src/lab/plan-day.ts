/**
 * Plans one lab day from a seed: draws the parameters, builds the site and casts every population and
 * scenario. The plan's `requests()` replays the day in time order, recording which addresses and keys each
 * actor used; `labels()` is valid once the requests have been consumed.
 */
import { RampartError } from '../errors.js';
import { addApiAbuse } from './actors/api-abuse.js';
import { addFloods } from './actors/floods.js';
import { addPeople } from './actors/people.js';
import { addProbing } from './actors/probing.js';
import { addScraping } from './actors/scraping.js';
import { addServices } from './actors/services.js';
import { AddressAllocator } from './address-allocator.js';
import { Cast, type LabContext } from './cast.js';
import { DAY_MS } from './diurnal.js';
import type { LabRequest } from './lab-request.js';
import type { LabLabels } from './labels.js';
import { StreamMerger } from './merge-streams.js';
import { drawParams, type LabParams } from './params.js';
import { Rng } from './prng.js';
import { makeSite } from './site.js';

export const DEFAULT_LAB_DATE = '2026-11-20';

export interface LabDayOptions {
  readonly seed: number;
  readonly scale: number;
  /** UTC day, YYYY-MM-DD. */
  readonly date?: string;
}

export interface LabDay {
  readonly params: LabParams;
  readonly dayStart: number;
  readonly alloc: AddressAllocator;
  /** Pull-based: the next request of the day in time order, or undefined at the end. Single pass. */
  next(): LabRequest | undefined;
  /** The same requests as an iterator (convenient, a little slower). */
  requests(): Generator<LabRequest>;
  labels(formats: readonly string[], lines: number): LabLabels;
}

/** The day's mean request rate implied by the parameters (floods are sized against it). */
function expectedRate(p: LabParams, scale: number): number {
  const perHuman = p.sessionsPerHuman * (p.pagesPerSession * 3.2 + 6);
  const humans = p.humansPerScale * scale * perHuman;
  const crawlers = (p.googlebotPerHourPerScale + p.bingbotPerHourPerScale) * scale * 24;
  return (humans + crawlers) / 86_400;
}

export function planLabDay(options: LabDayOptions): LabDay {
  const date = options.date ?? DEFAULT_LAB_DATE;
  const dayStart = Date.parse(`${date}T00:00:00Z`);
  // The round trip rejects dates Date.parse rolls over (2026-02-30 would become March 2).
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(dayStart) ||
    new Date(dayStart).toISOString().slice(0, 10) !== date
  ) {
    throw new RampartError('INVALID_ARGUMENT', `lab date must be YYYY-MM-DD, got '${date}'`);
  }
  if (!Number.isInteger(options.seed) || options.seed < 0) {
    throw new RampartError('INVALID_ARGUMENT', `lab seed must be a non-negative integer, got ${options.seed}`);
  }
  if (!(options.scale > 0 && options.scale <= 100)) {
    throw new RampartError('INVALID_ARGUMENT', `lab scale must be in (0, 100], got ${options.scale}`);
  }
  const root = new Rng(options.seed);
  const params = drawParams(root.fork('params'));
  const siteRng = root.fork('site');
  const site = makeSite(siteRng, params.productCount, params.userCount, params.blogCount);
  const alloc = new AddressAllocator();
  const ctx: LabContext = {
    rng: root.fork('actors'),
    params,
    scale: options.scale,
    site,
    alloc,
    dayStart,
    dayEnd: dayStart + DAY_MS,
    serviceRate: expectedRate(params, options.scale),
  };
  const cast = new Cast();
  addServices(cast, ctx);
  addPeople(cast, ctx);
  addProbing(cast, ctx);
  addScraping(cast, ctx);
  addApiAbuse(cast, ctx);
  addFloods(cast, ctx);

  const merger = new StreamMerger(cast.streams, ctx.dayStart, ctx.dayEnd);
  // Most actors use one address: remember the last one per actor to skip the Set in the common case.
  const lastIp: string[] = [];
  const next = (): LabRequest | undefined => {
    const r = merger.next();
    if (!r) return undefined;
    const a = r.actor;
    cast.requests[a] = (cast.requests[a] ?? 0) + 1;
    if (lastIp[a] !== r.ip) {
      lastIp[a] = r.ip;
      cast.ips[a]?.add(r.ip);
    }
    if (r.apiKey !== '') cast.keys[a]?.add(r.apiKey);
    return r;
  };

  return {
    params,
    dayStart,
    alloc,
    next,
    *requests() {
      for (let r = next(); r; r = next()) yield r;
    },
    labels(formats, lines) {
      const actors = cast.toActors().filter((a) => a.requests > 0);
      return { seed: options.seed, scale: options.scale, date, params, formats: [...formats], lines, actors };
    },
  };
}
