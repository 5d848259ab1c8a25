/**
 * The site's people and the benign crowds that look like abuse to a per-address counter: a mobile
 * carrier's CGNAT gateway, an office NAT, commercial VPN exits, power users and people who mistype their
 * password. Each person browses with `browse`; the crowds share one address.
 */
import type { Cast, LabContext } from '../cast.js';
import { drawSessionStarts, HOME_RHYTHM, HOUR_MS, OFFICE_RHYTHM } from '../diurnal.js';
import type { Sender } from '../lab-request.js';
import { type LabNetwork, networkByAsn, RESIDENTIAL, VPN } from '../network-catalog.js';
import type { Rng } from '../prng.js';
import { popularProduct, productPageBytes } from '../site.js';
import { browserUserAgent, corporateUserAgent } from '../user-agents.js';
import { type BrowseProfile, browse } from './browsing.js';

interface PersonOptions {
  readonly sessions: number;
  readonly pagesMean: number;
  readonly thinkMedianSec: number;
  readonly failedLogins: number;
  readonly rhythm: readonly number[];
  readonly utcOffset: number;
  readonly loginChance: number;
}

function profileFor(ctx: LabContext, rng: Rng, o: PersonOptions): BrowseProfile {
  return {
    sessionStarts: drawSessionStarts(rng, o.sessions, ctx.dayStart, o.utcOffset, o.rhythm),
    pagesMean: o.pagesMean,
    thinkMedianSec: o.thinkMedianSec,
    loginChance: o.loginChance,
    failedLogins: o.failedLogins,
    userId: rng.int(1, ctx.site.userCount),
  };
}

function homeNetwork(rng: Rng): LabNetwork {
  return rng.weighted(
    RESIDENTIAL,
    RESIDENTIAL.map((n) => n.weight),
  );
}

function sessionsFor(rng: Rng, mean: number): number {
  return 1 + rng.geometric(mean - 1);
}

/** One person at home on a residential network, own address. */
function addPerson(cast: Cast, ctx: LabContext, kind: 'human' | 'power_user' | 'password_retry', n: number): void {
  const p = ctx.params;
  const rng = ctx.rng.fork(`${kind}:${n}`);
  const net = homeNetwork(rng);
  const ip =
    rng.chance(p.ipv6Share) && ctx.alloc.hasV6(net.asn) ? ctx.alloc.v6(rng, net.asn) : ctx.alloc.v4(rng, net.asn);
  const actor = cast.addActor({ label: 'benign', kind, scenario: kind, entity: { kind: 'ip', value: ip } });
  const power = kind === 'power_user';
  const options: PersonOptions = {
    sessions: power ? rng.int(4, 9) : sessionsFor(rng, p.sessionsPerHuman),
    pagesMean: power ? rng.range(20, 45) : p.pagesPerSession,
    thinkMedianSec: power ? rng.range(5, 10) : p.thinkMedianSec,
    failedLogins: kind === 'password_retry' ? rng.int(1, 3) : 0,
    rhythm: HOME_RHYTHM,
    utcOffset: net.utcOffset,
    loginChance: power ? 0.6 : p.loginShare,
  };
  const sender: Sender = { actor, ip, userAgent: browserUserAgent(rng), protocol: 'HTTP/2.0' };
  cast.addStream(browse(ctx, rng, sender, profileFor(ctx, rng, options)));
}

/** Many people behind one shared address, each with their own browser and habits. */
function addCrowd(
  cast: Cast,
  ctx: LabContext,
  kind: 'cgnat_gateway' | 'office_nat' | 'vpn_user',
  ip: string,
  people: number,
  net: LabNetwork,
  index: number,
): void {
  const actor = cast.addActor({ label: 'benign', kind, scenario: kind, entity: { kind: 'ip', value: ip }, people });
  const office = kind === 'office_nat';
  for (let i = 0; i < people; i++) {
    const rng = ctx.rng.fork(`${kind}:${index}:${i}`);
    const options: PersonOptions = {
      sessions: office ? rng.int(3, 8) : sessionsFor(rng, ctx.params.sessionsPerHuman),
      pagesMean: office ? rng.range(4, 10) : ctx.params.pagesPerSession,
      thinkMedianSec: ctx.params.thinkMedianSec,
      failedLogins: rng.chance(0.04) ? rng.int(1, 2) : 0,
      rhythm: office ? OFFICE_RHYTHM : HOME_RHYTHM,
      utcOffset: office ? net.utcOffset : net.utcOffset - (kind === 'cgnat_gateway' ? rng.int(0, 3) : 0),
      loginChance: office ? 0.5 : ctx.params.loginShare,
    };
    const userAgent = office ? corporateUserAgent(rng) : browserUserAgent(rng);
    cast.addStream(browse(ctx, rng, { actor, ip, userAgent, protocol: 'HTTP/2.0' }, profileFor(ctx, rng, options)));
  }
}

/**
 * A newsletter goes out: hundreds of people open the same landing page within minutes (a benign surge far
 * above the service's rate), each then browsing like anyone else; some come back later in the day.
 */
function addFlashCrowd(cast: Cast, ctx: LabContext): void {
  const p = ctx.params;
  const rng = ctx.rng.fork('flash-crowd');
  const people = Math.max(50, Math.round(p.flashCrowdPerScale * ctx.scale));
  const sendTime = ctx.dayStart + rng.range(13, 17) * HOUR_MS;
  const id = popularProduct(rng, ctx.site);
  const landing = {
    uri: `/products/${id}?utm_source=newsletter&utm_medium=email&utm_campaign=${rng.pick(['winter', 'friday', 'new'])}-${rng.int(10, 99)}`,
    status: 200,
    bytes: productPageBytes(id),
    images: [`/static/img/products/${id}.webp`, `/static/img/products/${id}-2.webp`],
  };
  for (let i = 0; i < people; i++) {
    const r = rng.fork(`person:${i}`);
    const net = homeNetwork(r);
    const ip = r.chance(p.ipv6Share) && ctx.alloc.hasV6(net.asn) ? ctx.alloc.v6(r, net.asn) : ctx.alloc.v4(r, net.asn);
    const actor = cast.addActor({
      label: 'benign',
      kind: 'flash_crowd',
      scenario: 'flash_crowd',
      entity: { kind: 'ip', value: ip },
    });
    const first = sendTime + r.exp(p.flashCrowdArrivalMin * 60_000);
    const starts = [first];
    if (r.chance(0.3))
      starts.push(Math.max(first + HOUR_MS, drawSessionStarts(r, 1, ctx.dayStart, net.utcOffset, HOME_RHYTHM)[0] ?? 0));
    const profile: BrowseProfile = {
      sessionStarts: starts,
      pagesMean: p.pagesPerSession,
      thinkMedianSec: p.thinkMedianSec,
      loginChance: p.loginShare,
      failedLogins: 0,
      userId: r.int(1, ctx.site.userCount),
      landing,
      landingReferer: r.chance(0.3) ? 'https://mail.google.com/' : '',
    };
    const sender: Sender = { actor, ip, userAgent: browserUserAgent(r), protocol: 'HTTP/2.0' };
    cast.addStream(browse(ctx, r, sender, profile));
  }
}

export function addPeople(cast: Cast, ctx: LabContext): void {
  const p = ctx.params;
  const humans = Math.max(20, Math.round(p.humansPerScale * ctx.scale));
  const retries = Math.max(5, Math.round(p.passwordRetryPerScale * ctx.scale));
  const power = Math.max(3, Math.round(p.powerUsersPerScale * ctx.scale));
  for (let i = 0; i < humans; i++) addPerson(cast, ctx, 'human', i);
  for (let i = 0; i < retries; i++) addPerson(cast, ctx, 'password_retry', i);
  for (let i = 0; i < power; i++) addPerson(cast, ctx, 'power_user', i);
  addFlashCrowd(cast, ctx);

  const rng = ctx.rng.fork('crowds');
  const mobile = networkByAsn(21928);
  for (let g = 0; g < p.cgnatGateways; g++) {
    const people = g === 0 ? p.cgnatPeople : rng.int(150, 500);
    addCrowd(cast, ctx, 'cgnat_gateway', ctx.alloc.v4(rng, mobile.asn), people, mobile, g);
  }
  const officeNet = networkByAsn(rng.pick([174, 3356]));
  addCrowd(cast, ctx, 'office_nat', ctx.alloc.v4(rng, officeNet.asn), p.officeEmployees, officeNet, 0);
  for (let v = 0; v < p.vpnAddresses; v++) {
    const net = rng.pick(VPN);
    // A commercial VPN exit carries a few of the site's users (from anywhere) at once.
    const home = homeNetwork(rng);
    addCrowd(
      cast,
      ctx,
      'vpn_user',
      ctx.alloc.v4(rng, net.asn),
      rng.int(1, 4),
      { ...net, utcOffset: home.utcOffset },
      v,
    );
  }
}
