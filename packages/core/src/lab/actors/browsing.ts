/**
 * How a person uses the site: sessions of page views, each page followed by its static assets and
 * images within a second, log-normal think times between pages, sometimes a login (with the password
 * mistyped first for some), then account pages and the API calls those pages make.
 */
import type { LabContext } from '../cast.js';
import { type LabRequest, type RequestStream, request, type Sender } from '../lab-request.js';
import type { Rng } from '../prng.js';
import {
  API_HOST,
  blogPageBytes,
  PAGE_ASSETS,
  popularProduct,
  productPageBytes,
  SITE_ORIGIN,
  userJsonBytes,
  WEB_HOST,
} from '../site.js';

export interface BrowseProfile {
  /** Sorted session start times, epoch ms. */
  readonly sessionStarts: readonly number[];
  readonly pagesMean: number;
  readonly thinkMedianSec: number;
  /** Chance that a session includes a login. */
  readonly loginChance: number;
  /** Failed attempts before the first successful login of the day (0 for most people). */
  readonly failedLogins: number;
  readonly userId: number;
  /** Where the first session lands (a newsletter link), instead of a drawn entry page. */
  readonly landing?: PageChoice;
  /** Referer of the first session's entry ('' for none), instead of a drawn one. */
  readonly landingReferer?: string;
}

const ENTRY_REFERERS = ['https://www.google.com/', 'https://www.bing.com/', 'https://duckduckgo.com/'];
const SOCIAL_REFERERS = ['https://t.co/', 'https://www.facebook.com/', 'https://www.reddit.com/'];

export interface PageChoice {
  readonly uri: string;
  readonly status: number;
  readonly bytes: number;
  readonly images: readonly string[];
}

function choosePage(rng: Rng, ctx: LabContext, entry: boolean): PageChoice {
  const site = ctx.site;
  const r = rng.float();
  if (r < (entry ? 0.35 : 0.12)) {
    return { uri: '/', status: 200, bytes: 38_412, images: ['/static/img/hero.webp', '/static/img/sale.webp'] };
  }
  if (r < (entry ? 0.7 : 0.72)) {
    // 1% follow a stale link to a product that no longer exists.
    if (rng.chance(0.01)) {
      const id = site.productCount + rng.int(1, 500);
      return { uri: `/products/${id}`, status: 404, bytes: 9_120, images: [] };
    }
    const id = popularProduct(rng, site);
    return {
      uri: `/products/${id}`,
      status: 200,
      bytes: productPageBytes(id),
      images: [`/static/img/products/${id}.webp`, `/static/img/products/${id}-2.webp`],
    };
  }
  if (r < 0.85) {
    const index = rng.int(0, site.blogSlugs.length - 1);
    const slug = site.blogSlugs[index] as string;
    return { uri: `/blog/${slug}`, status: 200, bytes: blogPageBytes(index), images: [`/static/img/blog/${slug}.jpg`] };
  }
  const q = rng.pick(site.searchTerms);
  const thumbs = Array.from({ length: 3 }, () => `/static/img/products/${popularProduct(rng, site)}-thumb.webp`);
  return { uri: `/search?q=${q}`, status: 200, bytes: 27_000 + q.length * 300, images: thumbs };
}

/** One person's day: yields requests in time order and stops at the end of the day. */
export function* browse(ctx: LabContext, rng: Rng, sender: Sender, profile: BrowseProfile): RequestStream {
  let t = 0;
  let assetsCached = false;
  let failsLeft = profile.failedLogins;
  let loggedIn = false;
  let landing = profile.landing;
  for (const start of profile.sessionStarts) {
    t = Math.max(t + 120_000, start);
    const pages = 1 + Math.min(80, rng.geometric(profile.pagesMean - 1));
    const wantsLogin = (failsLeft > 0 && !loggedIn) || rng.chance(profile.loginChance);
    const loginAt = wantsLogin ? rng.int(0, Math.min(pages - 1, 3)) : -1;
    let referer = rng.chance(0.45) ? rng.pick(ENTRY_REFERERS) : rng.chance(0.15) ? rng.pick(SOCIAL_REFERERS) : '';
    if (landing) referer = profile.landingReferer ?? referer;
    let revalidate = assetsCached;
    for (let i = 0; i < pages; i++) {
      if (t >= ctx.dayEnd) return;
      const batch: LabRequest[] = [];
      if (i === loginAt) {
        t = loginSequence(rng, sender, t, referer, failsLeft, profile.userId, batch);
        failsLeft = 0;
        loggedIn = true;
        referer = `${SITE_ORIGIN}/account`;
      } else {
        const page = landing ?? choosePage(rng, ctx, i === 0);
        landing = undefined;
        batch.push(request(sender, t, 'GET', page.uri, page.status, page.bytes, WEB_HOST, referer));
        const pageUrl = `${SITE_ORIGIN}${page.uri}`;
        let a = t + rng.range(40, 250);
        if (!assetsCached || revalidate) {
          for (const [path, bytes] of PAGE_ASSETS) {
            const cached = assetsCached && path !== '/favicon.ico';
            batch.push(request(sender, a, 'GET', path, cached ? 304 : 200, cached ? 0 : bytes, WEB_HOST, pageUrl));
            a += rng.range(5, 120);
          }
          assetsCached = true;
          revalidate = false;
        }
        for (const img of page.images) {
          batch.push(request(sender, a, 'GET', img, 200, 8_000 + ((img.length * 2_731) % 70_000), WEB_HOST, pageUrl));
          a += rng.range(5, 150);
        }
        if (loggedIn && rng.chance(0.3)) {
          const uri = `/api/v1/users/${profile.userId}`;
          batch.push(request(sender, a, 'GET', uri, 200, userJsonBytes(profile.userId), API_HOST, pageUrl));
        }
        referer = pageUrl;
      }
      for (const r of batch) {
        if (r.ts >= ctx.dayEnd) return;
        yield r;
      }
      t = (batch[batch.length - 1]?.ts ?? t) + thinkTime(rng, profile.thinkMedianSec);
    }
  }
}

function thinkTime(rng: Rng, medianSec: number): number {
  return Math.min(1_200_000, Math.max(1_500, rng.logNormal(medianSec * 1000, 1.0)));
}

/** GET /login, the failed attempts, the successful POST, then the account page; returns the last time. */
function loginSequence(
  rng: Rng,
  sender: Sender,
  t0: number,
  referer: string,
  fails: number,
  userId: number,
  out: LabRequest[],
): number {
  let t = t0;
  out.push(request(sender, t, 'GET', '/login', 200, 11_842, WEB_HOST, referer));
  const loginUrl = `${SITE_ORIGIN}/login`;
  t += rng.range(4_000, 25_000);
  for (let f = 0; f < fails; f++) {
    out.push(request(sender, t, 'POST', '/login', 401, 12_106, WEB_HOST, loginUrl));
    t += rng.range(5_000, 30_000);
  }
  out.push(request(sender, t, 'POST', '/login', 302, 154, WEB_HOST, loginUrl));
  t += rng.range(150, 600);
  out.push(request(sender, t, 'GET', '/account', 200, 19_730, WEB_HOST, loginUrl));
  t += rng.range(100, 400);
  const account = `${SITE_ORIGIN}/account`;
  out.push(request(sender, t, 'GET', `/api/v1/users/${userId}`, 200, userJsonBytes(userId), API_HOST, account));
  if (rng.chance(0.5)) {
    t += rng.range(50, 300);
    out.push(request(sender, t, 'GET', '/api/v1/orders?cursor=', 200, 6_400, API_HOST, account));
  }
  return t;
}
