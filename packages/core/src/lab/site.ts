/**
 * The site the lab's traffic visits: a shop with a blog, search, login and a JSON API. Response sizes are
 * stable per URL so that repeated fetches look like the same resource. Sizes are for a gzip-serving site.
 */
import type { Rng } from './prng.js';

export const WEB_HOST = 'www.shop.example';
export const API_HOST = 'api.shop.example';
export const SITE_ORIGIN = `https://${WEB_HOST}`;

/** The static assets a browser loads with the first page of a session. */
export const PAGE_ASSETS: ReadonlyArray<readonly [string, number]> = [
  ['/static/app.js', 182_311],
  ['/static/app.css', 41_207],
  ['/static/vendor.js', 96_530],
  ['/static/img/logo.svg', 4_820],
  ['/static/fonts/inter-var.woff2', 48_256],
  ['/favicon.ico', 15_086],
];

const WORDS = [
  'running',
  'shoes',
  'winter',
  'jacket',
  'wool',
  'socks',
  'trail',
  'guide',
  'care',
  'sizing',
  'waterproof',
  'boots',
  'linen',
  'shirt',
  'denim',
  'summer',
  'travel',
  'bag',
  'leather',
  'belt',
  'gift',
  'ideas',
  'recycled',
  'cotton',
  'hiking',
  'layers',
  'rain',
  'cap',
  'kids',
  'sale',
];

export interface Site {
  readonly productCount: number;
  readonly userCount: number;
  readonly blogSlugs: readonly string[];
  readonly searchTerms: readonly string[];
}

export function makeSite(rng: Rng, productCount: number, userCount: number, blogCount: number): Site {
  const blogSlugs: string[] = [];
  const seen = new Set<string>();
  while (blogSlugs.length < blogCount) {
    const slug = `${rng.pick(WORDS)}-${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
    if (seen.has(slug)) continue;
    seen.add(slug);
    blogSlugs.push(slug);
  }
  const searchTerms: string[] = [];
  for (let i = 0; i < 200; i++) {
    searchTerms.push(rng.chance(0.5) ? rng.pick(WORDS) : `${rng.pick(WORDS)}+${rng.pick(WORDS)}`);
  }
  return { productCount, userCount, blogSlugs, searchTerms };
}

/** Popular products are visited far more than the long tail (a Zipf-like skew). */
export function popularProduct(rng: Rng, site: Site): number {
  return 1 + Math.floor(site.productCount * rng.float() ** 2.2);
}

export function productPageBytes(id: number): number {
  return 24_000 + ((id * 7919) % 21_000);
}

export function blogPageBytes(index: number): number {
  return 31_000 + ((index * 104_729) % 38_000);
}

export function userJsonBytes(id: number): number {
  return 640 + ((id * 31) % 420);
}
