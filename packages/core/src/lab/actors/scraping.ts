/**
 * Abuse that harvests content: a single-source scraper walking product ids with steady pacing, a
 * residential-proxy pool sharing one fingerprint (same UA, one shared walk), a fake Googlebot from a
 * hosting address, and badly written automation (python-requests, HeadlessChrome) fetching HTML pages.
 */
import type { Cast, LabContext } from '../cast.js';
import { HOUR_MS } from '../diurnal.js';
import { type RequestStream, request, type Sender } from '../lab-request.js';
import { HOSTING, PROXY_NETWORKS } from '../network-catalog.js';
import { paramsForInstance } from '../params.js';
import type { Rng } from '../prng.js';
import { blogPageBytes, PAGE_ASSETS, productPageBytes, WEB_HOST } from '../site.js';
import {
  browserUserAgent,
  GOOGLEBOT_DESKTOP_UA,
  GOOGLEBOT_SMARTPHONE_UA,
  HEADLESS_CHROME_UA,
  PYTHON_REQUESTS_UAS,
} from '../user-agents.js';
import { startWithin } from './timing.js';

function productRequest(ctx: LabContext, sender: Sender, t: number, id: number) {
  const ok = id <= ctx.site.productCount;
  return request(sender, t, 'GET', `/products/${id}`, ok ? 200 : 404, ok ? productPageBytes(id) : 9_120, WEB_HOST);
}

function* singleScraper(ctx: LabContext, rng: Rng, sender: Sender): RequestStream {
  const pacing = ctx.params.scraperPacingSec * 1000;
  const duration = ctx.params.scraperHours * HOUR_MS;
  let t = startWithin(ctx, rng, duration);
  const end = Math.min(ctx.dayEnd, t + duration);
  let id = rng.chance(0.5) ? 1 : rng.int(1, Math.floor(ctx.site.productCount / 2));
  while (t < end && id <= ctx.site.productCount + 20) {
    yield productRequest(ctx, sender, t, id++);
    t += pacing * (1 + rng.range(-0.08, 0.08));
  }
}

function* proxyPool(
  ctx: LabContext,
  rng: Rng,
  actor: number,
  ips: readonly string[],
  userAgent: string,
): RequestStream {
  const rate = ctx.params.proxyPoolPerSecond;
  const duration = ctx.params.proxyPoolHours * HOUR_MS;
  let t = startWithin(ctx, rng, duration);
  const end = Math.min(ctx.dayEnd, t + duration);
  // The pool walks the catalogue in one shared order; each request leaves through a random member.
  let id = rng.int(1, 50);
  while (t < end && id <= ctx.site.productCount) {
    const sender: Sender = { actor, ip: rng.pick(ips), userAgent, protocol: 'HTTP/1.1' };
    yield productRequest(ctx, sender, t, id);
    id += rng.chance(0.9) ? 1 : 2;
    t += rng.exp(1000 / rate);
  }
}

function* fakeGooglebot(ctx: LabContext, rng: Rng, sender: Sender): RequestStream {
  const n = ctx.params.impersonatorRequests;
  const duration = (n / ctx.params.impersonatorPerSecond) * 1000;
  let t = startWithin(ctx, rng, duration);
  for (let i = 0; i < n && t < ctx.dayEnd; i++) {
    if (rng.chance(0.3)) {
      const b = rng.int(0, ctx.site.blogSlugs.length - 1);
      yield request(sender, t, 'GET', `/blog/${ctx.site.blogSlugs[b]}`, 200, blogPageBytes(b), WEB_HOST);
    } else yield productRequest(ctx, sender, t, rng.int(1, ctx.site.productCount));
    t += rng.exp(duration / n);
  }
}

/** Scripted page fetches at an irregular pace over a few hours; headless browsers also pull the assets. */
function* badAutomation(ctx: LabContext, rng: Rng, sender: Sender, withAssets: boolean): RequestStream {
  const n = ctx.params.badAutomationRequests;
  const duration = rng.range(1, 6) * HOUR_MS;
  let t = startWithin(ctx, rng, duration);
  let sent = 0;
  while (sent < n && t < ctx.dayEnd) {
    const id = rng.int(1, ctx.site.productCount);
    yield productRequest(ctx, sender, t, id);
    sent++;
    if (withAssets) {
      let a = t;
      for (const [path, bytes] of PAGE_ASSETS.slice(0, 3)) {
        a += rng.range(5, 60);
        yield request(sender, a, 'GET', path, 200, bytes, WEB_HOST, `https://${WEB_HOST}/products/${id}`);
        sent++;
      }
      t = a;
    }
    t += rng.exp(duration / n) * (withAssets ? 4 : 1);
  }
}

export function addScraping(cast: Cast, ctx: LabContext): void {
  const rng = ctx.rng.fork('scraping');
  const host = () => ctx.alloc.v4(rng, rng.pick(HOSTING).asn);
  const ipActor = (category: 'scraping' | 'crawler_impersonation' | 'bad_automation', scenario: string) => {
    const ip = host();
    return { ip, actor: cast.addActor({ label: 'abuse', category, scenario, entity: { kind: 'ip', value: ip } }) };
  };

  for (let i = 0; i < ctx.params.singleScrapers; i++) {
    const r = rng.fork(`scraper:${i}`);
    const c = { ...ctx, params: paramsForInstance(ctx.params, r, i, ['scraperPacingSec', 'scraperHours']) };
    const s = ipActor('scraping', 'scraper_single_source');
    cast.addStream(singleScraper(c, r, { ...s, userAgent: browserUserAgent(r), protocol: 'HTTP/1.1' }));
  }

  const poolIps = Array.from({ length: ctx.params.proxyPoolMembers }, () =>
    ctx.alloc.v4(rng, rng.pick(PROXY_NETWORKS).asn),
  );
  const pool = cast.addActor({
    label: 'abuse',
    category: 'scraping',
    scenario: 'scraper_residential_pool',
    entity: { kind: 'campaign', value: `pool-${rng.hex(8)}` },
  });
  cast.addStream(proxyPool(ctx, rng.fork('pool'), pool, poolIps, browserUserAgent(rng)));

  const f = ipActor('crawler_impersonation', 'fake_googlebot');
  const fakeUa = rng.chance(0.5) ? GOOGLEBOT_DESKTOP_UA : GOOGLEBOT_SMARTPHONE_UA;
  cast.addStream(fakeGooglebot(ctx, rng.fork('fake'), { ...f, userAgent: fakeUa, protocol: 'HTTP/1.1' }));

  const py = ipActor('bad_automation', 'python_requests');
  const pyUa = rng.pick(PYTHON_REQUESTS_UAS);
  cast.addStream(badAutomation(ctx, rng.fork('py'), { ...py, userAgent: pyUa, protocol: 'HTTP/1.1' }, false));

  const hc = ipActor('bad_automation', 'headless_chrome');
  cast.addStream(
    badAutomation(ctx, rng.fork('hc'), { ...hc, userAgent: HEADLESS_CHROME_UA, protocol: 'HTTP/1.1' }, true),
  );
}
