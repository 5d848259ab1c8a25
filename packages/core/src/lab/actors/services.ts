/**
 * Well-behaved machines: Googlebot and Bingbot from their published ranges crawling at a fair rate, an
 * UptimeRobot monitor polling /health every minute, and a partner's integration calling its API with its
 * key all day. Regular and tireless, so they are the hard negatives of the bot detectors.
 */
import type { Cast, LabContext } from '../cast.js';
import { HOUR_MS } from '../diurnal.js';
import { type RequestStream, request, type Sender } from '../lab-request.js';
import {
  BINGBOT_PREFIXES,
  GOOGLE,
  GOOGLEBOT_PREFIXES,
  MICROSOFT,
  networkByAsn,
  UPTIMEROBOT_IPS,
  UPTIMEROBOT_PROBES,
} from '../network-catalog.js';
import type { Rng } from '../prng.js';
import { API_HOST, blogPageBytes, PAGE_ASSETS, productPageBytes, userJsonBytes, WEB_HOST } from '../site.js';
import { BINGBOT_UA, GOOGLEBOT_DESKTOP_UA, GOOGLEBOT_SMARTPHONE_UA, UPTIMEROBOT_UA } from '../user-agents.js';

function* crawl(
  ctx: LabContext,
  rng: Rng,
  actor: number,
  ips: readonly string[],
  userAgents: readonly string[],
  perHour: number,
): RequestStream {
  let t = ctx.dayStart + rng.exp(HOUR_MS / perHour);
  const site = ctx.site;
  while (t < ctx.dayEnd) {
    const sender: Sender = { actor, ip: rng.pick(ips), userAgent: rng.pick(userAgents), protocol: 'HTTP/1.1' };
    const r = rng.float();
    if (r < 0.02) yield request(sender, t, 'GET', '/robots.txt', 200, 412, WEB_HOST);
    else if (r < 0.04) yield request(sender, t, 'GET', '/sitemap.xml', 200, 182_004, WEB_HOST);
    else if (r < 0.62) {
      const id = rng.int(1, site.productCount + Math.ceil(site.productCount * 0.02));
      const ok = id <= site.productCount;
      yield request(sender, t, 'GET', `/products/${id}`, ok ? 200 : 404, ok ? productPageBytes(id) : 9_120, WEB_HOST);
    } else if (r < 0.82) {
      const i = rng.int(0, site.blogSlugs.length - 1);
      yield request(sender, t, 'GET', `/blog/${site.blogSlugs[i]}`, 200, blogPageBytes(i), WEB_HOST);
    } else if (r < 0.9) yield request(sender, t, 'GET', '/', 200, 38_412, WEB_HOST);
    else {
      // Rendering crawlers fetch the scripts and styles too.
      const [path, bytes] = rng.pick(PAGE_ASSETS);
      yield request(sender, t, 'GET', path, 200, bytes, WEB_HOST);
    }
    // A crawler's rate drifts slowly over the day but has no human rhythm.
    const drift = 0.7 + 0.6 * Math.abs(Math.sin((t - ctx.dayStart) / (5 * HOUR_MS)));
    t += rng.exp(HOUR_MS / (perHour * drift));
  }
}

function* uptimeMonitor(ctx: LabContext, rng: Rng, actor: number): RequestStream {
  let t = ctx.dayStart + rng.range(0, 60_000);
  while (t < ctx.dayEnd) {
    const sender: Sender = { actor, ip: rng.pick(UPTIMEROBOT_IPS), userAgent: UPTIMEROBOT_UA, protocol: 'HTTP/1.1' };
    yield request(sender, t, rng.chance(0.5) ? 'HEAD' : 'GET', '/health', 200, 17, WEB_HOST);
    t += 60_000 + rng.range(-400, 400);
  }
}

function* partner(ctx: LabContext, rng: Rng, actor: number, ips: readonly string[], key: string): RequestStream {
  const ua = 'acme-erp-connector/3.4.1 (+https://erp.acme.example/integrations)';
  const interval = ctx.params.partnerIntervalSec * 1000;
  let nextSync = ctx.dayStart + rng.range(0, 300_000);
  let t = ctx.dayStart + rng.exp(interval);
  while (Math.min(t, nextSync) < ctx.dayEnd) {
    const sender: Sender = { actor, ip: rng.pick(ips), userAgent: ua, protocol: 'HTTP/1.1' };
    if (nextSync <= t) {
      // Every five minutes: the orders changed since the last sync, one to three pages.
      const pages = rng.int(1, 3);
      let s = nextSync;
      const since = new Date(nextSync - 300_000).toISOString().slice(0, 19);
      for (let page = 0; page < pages; page++) {
        const cursor = page === 0 ? '' : Buffer.from(`o:${page * 100}`).toString('base64url');
        const uri = `/api/v1/orders?updated_since=${since}Z&cursor=${cursor}`;
        yield request(sender, s, 'GET', uri, 200, rng.int(2_000, 60_000), API_HOST, '', key);
        s += rng.range(120, 900);
      }
      nextSync += 300_000 + rng.range(-2_000, 2_000);
      t = Math.max(t, s);
    } else {
      const id = rng.int(1, ctx.site.userCount);
      if (rng.chance(0.15)) yield request(sender, t, 'POST', '/api/v1/orders', 201, 512, API_HOST, '', key);
      else yield request(sender, t, 'GET', `/api/v1/users/${id}`, 200, userJsonBytes(id), API_HOST, '', key);
      t += rng.exp(interval);
    }
  }
}

export function addServices(cast: Cast, ctx: LabContext): void {
  const p = ctx.params;
  const rng = ctx.rng.fork('services');
  const google = Array.from({ length: p.googlebotAddresses }, () =>
    ctx.alloc.inPrefix(rng, rng.pick(GOOGLEBOT_PREFIXES), GOOGLE),
  );
  const g = cast.addActor({
    label: 'benign',
    kind: 'verified_crawler',
    scenario: 'googlebot',
    entity: { kind: 'campaign', value: 'googlebot' },
  });
  const googleUas = [GOOGLEBOT_SMARTPHONE_UA, GOOGLEBOT_SMARTPHONE_UA, GOOGLEBOT_SMARTPHONE_UA, GOOGLEBOT_DESKTOP_UA];
  cast.addStream(crawl(ctx, rng.fork('googlebot'), g, google, googleUas, p.googlebotPerHourPerScale * ctx.scale));

  const bing = Array.from({ length: p.bingbotAddresses }, () =>
    ctx.alloc.inPrefix(rng, rng.pick(BINGBOT_PREFIXES), MICROSOFT),
  );
  const b = cast.addActor({
    label: 'benign',
    kind: 'verified_crawler',
    scenario: 'bingbot',
    entity: { kind: 'campaign', value: 'bingbot' },
  });
  cast.addStream(crawl(ctx, rng.fork('bingbot'), b, bing, [BINGBOT_UA], p.bingbotPerHourPerScale * ctx.scale));

  for (const [ip, asn] of UPTIMEROBOT_PROBES) ctx.alloc.reserve(ip, networkByAsn(asn));
  const u = cast.addActor({
    label: 'benign',
    kind: 'uptime_monitor',
    scenario: 'uptime_monitor',
    entity: { kind: 'campaign', value: 'uptimerobot' },
  });
  cast.addStream(uptimeMonitor(ctx, rng.fork('uptime'), u));

  const key = `pk_live_${rng.hex(24)}`;
  const partnerIps = [ctx.alloc.v4(rng, 16509), ctx.alloc.v4(rng, 16509)];
  const a = cast.addActor({
    label: 'benign',
    kind: 'partner_integration',
    scenario: 'partner_integration',
    entity: { kind: 'api_key', value: key },
  });
  cast.addStream(partner(ctx, rng.fork('partner'), a, partnerIps, key));
}
