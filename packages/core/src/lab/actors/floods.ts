/**
 * Abuse by volume or persistence: a bot polling one URL every N seconds with a tiny jitter all day from a
 * hosting address, and application-layer floods far above the service's rate, from one source and from a
 * botnet of many sources.
 */
import type { Cast, LabContext } from '../cast.js';
import { type RequestStream, request, type Sender } from '../lab-request.js';
import { HOSTING, PROXY_NETWORKS } from '../network-catalog.js';
import { paramsForInstance } from '../params.js';
import type { Rng } from '../prng.js';
import { productPageBytes, WEB_HOST } from '../site.js';
import { browserUserAgent, HTTP_LIBRARY_UAS } from '../user-agents.js';
import { startWithin } from './timing.js';

function* poller(ctx: LabContext, rng: Rng, sender: Sender, uri: string, bytes: number): RequestStream {
  const interval = ctx.params.pollerIntervalSec * 1000;
  const jitter = interval * (ctx.params.pollerJitterPct / 100);
  let t = ctx.dayStart + rng.range(0, interval);
  while (t < ctx.dayEnd) {
    yield request(sender, t, 'GET', uri, 200, bytes, WEB_HOST);
    t += interval + rng.range(-jitter, jitter);
  }
}

/** Requests at `perSecond` for `durationMs`, each from one of `senders`; cache-busting queries on search. */
function* flood(
  ctx: LabContext,
  rng: Rng,
  senders: readonly Sender[],
  perSecond: number,
  durationMs: number,
): RequestStream {
  let t = startWithin(ctx, rng, durationMs);
  const end = t + durationMs;
  let served = 0;
  while (t < end && t < ctx.dayEnd) {
    const sender = senders.length === 1 ? (senders[0] as Sender) : rng.pick(senders);
    // The origin holds for a while, then starts shedding load.
    const status = served++ > perSecond * 30 && rng.chance(0.4) ? 503 : 200;
    const uri = rng.chance(0.5) ? '/' : `/search?q=${rng.hex(6)}`;
    yield request(sender, t, 'GET', uri, status, status === 200 ? 30_000 : 197, WEB_HOST);
    t += rng.exp(1000 / perSecond);
  }
}

export function addFloods(cast: Cast, ctx: LabContext): void {
  const p = ctx.params;
  const rng = ctx.rng.fork('floods');
  const host = () => ctx.alloc.v4(rng, rng.pick(HOSTING).asn);

  for (let i = 0; i < p.pollers; i++) {
    const r = rng.fork(`poll:${i}`);
    const c = { ...ctx, params: paramsForInstance(p, r, i, ['pollerIntervalSec', 'pollerJitterPct']) };
    const ip = host();
    const actor = cast.addActor({
      label: 'abuse',
      category: 'persistent_bot',
      scenario: 'poller',
      entity: { kind: 'ip', value: ip },
    });
    const id = r.int(1, ctx.site.productCount);
    // Price watchers poll a product page; others poll the home page or a search.
    const [uri, bytes] = r.chance(0.6)
      ? [`/products/${id}`, productPageBytes(id)]
      : r.chance(0.5)
        ? ['/', 38_412]
        : [`/search?q=${r.pick(ctx.site.searchTerms)}`, 29_100];
    const userAgent = r.chance(0.5) ? r.pick(HTTP_LIBRARY_UAS) : browserUserAgent(r);
    cast.addStream(poller(c, r, { actor, ip, userAgent, protocol: 'HTTP/1.1' }, uri, bytes));
  }

  // "Far above the service rate": a multiple of the day's mean rate, and never below 10 requests/s.
  const floodIp = host();
  const single = cast.addActor({
    label: 'abuse',
    category: 'flood',
    scenario: 'flood_single_source',
    entity: { kind: 'ip', value: floodIp },
  });
  const floodRate = Math.max(10, p.floodMultiple * ctx.serviceRate);
  const floodSender = { actor: single, ip: floodIp, userAgent: browserUserAgent(rng), protocol: 'HTTP/1.1' };
  cast.addStream(flood(ctx, rng.fork('flood'), [floodSender], floodRate, p.floodSeconds * 1000));

  const botnet = cast.addActor({
    label: 'abuse',
    category: 'flood',
    scenario: 'flood_distributed',
    entity: { kind: 'campaign', value: `ddos-${rng.hex(8)}` },
  });
  const uas = Array.from({ length: 3 }, () => browserUserAgent(rng));
  const senders: Sender[] = Array.from({ length: p.ddosSources }, () => {
    const nets = rng.chance(0.7) ? PROXY_NETWORKS : HOSTING;
    return { actor: botnet, ip: ctx.alloc.v4(rng, rng.pick(nets).asn), userAgent: rng.pick(uas), protocol: 'HTTP/1.1' };
  });
  const ddosRate = Math.max(10, p.ddosMultiple * ctx.serviceRate);
  cast.addStream(flood(ctx, rng.fork('ddos'), senders, ddosRate, p.ddosSeconds * 1000));
}
