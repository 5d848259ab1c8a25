/**
 * Abuse of the JSON API: an API key walking /api/v1/users/1..N, deep cursor pagination plus bulk exports
 * (data exfiltration), a leaked key suddenly used from many networks and countries, and a key whose
 * volume jumps far above its own history.
 */
import type { Cast, LabContext } from '../cast.js';
import { type RequestStream, request, type Sender } from '../lab-request.js';
import { HOSTING, PROXY_NETWORKS } from '../network-catalog.js';
import type { Rng } from '../prng.js';
import { API_HOST, userJsonBytes } from '../site.js';
import { HTTP_LIBRARY_UAS } from '../user-agents.js';
import { startWithin } from './timing.js';

function userRequest(ctx: LabContext, sender: Sender, t: number, id: number, key: string) {
  const ok = id <= ctx.site.userCount;
  return request(
    sender,
    t,
    'GET',
    `/api/v1/users/${id}`,
    ok ? 200 : 404,
    ok ? userJsonBytes(id) : 96,
    API_HOST,
    '',
    key,
  );
}

function* enumeration(ctx: LabContext, rng: Rng, sender: Sender, key: string): RequestStream {
  const n = ctx.params.enumerationIds;
  const pacing = ctx.params.enumerationPacingSec * 1000;
  let t = startWithin(ctx, rng, n * pacing);
  for (let id = 1; id <= n && t < ctx.dayEnd; id++) {
    yield userRequest(ctx, sender, t, id, key);
    t += pacing * rng.range(0.7, 1.3);
  }
}

function* exfiltration(ctx: LabContext, rng: Rng, sender: Sender, key: string): RequestStream {
  const p = ctx.params;
  const pacing = rng.range(500, 3_000);
  let t = startWithin(ctx, rng, p.exfilPages * pacing + p.exfilExports * 600_000);
  for (let page = 0; page < p.exfilPages && t < ctx.dayEnd; page++) {
    const cursor = page === 0 ? '' : Buffer.from(`o:${page * 100}`).toString('base64url');
    yield request(
      sender,
      t,
      'GET',
      `/api/v1/orders?limit=100&cursor=${cursor}`,
      200,
      rng.int(38_000, 52_000),
      API_HOST,
      '',
      key,
    );
    t += pacing * rng.range(0.8, 1.2);
  }
  for (let e = 0; e < p.exfilExports && t < ctx.dayEnd; e++) {
    const bytes = p.exfilExportMb * 1_048_576 * rng.range(0.8, 1.2);
    const what = rng.pick(['orders', 'users', 'customers']);
    yield request(sender, t, 'GET', `/api/v1/export?format=csv&table=${what}`, 200, bytes, API_HOST, '', key);
    t += rng.range(60_000, 600_000);
  }
}

/** The key's rightful owner: a customer's server calling every few minutes all day. */
function* keyOwner(ctx: LabContext, rng: Rng, sender: Sender, key: string, meanGapMs: number): RequestStream {
  let t = ctx.dayStart + rng.exp(meanGapMs);
  while (t < ctx.dayEnd) {
    yield userRequest(ctx, sender, t, rng.int(1, ctx.site.userCount), key);
    t += rng.exp(meanGapMs);
  }
}

/** A burst of calls with the key at `perMinute` from `ips` between start and start + duration. */
function* keyBurst(
  ctx: LabContext,
  rng: Rng,
  actor: number,
  ips: readonly string[],
  key: string,
  start: number,
  durationMs: number,
  perMinute: number,
  userAgent?: string,
): RequestStream {
  let t = start;
  const uas = ips.map(() => userAgent ?? rng.pick(HTTP_LIBRARY_UAS));
  while (t < start + durationMs && t < ctx.dayEnd) {
    const i = rng.int(0, ips.length - 1);
    const sender: Sender = { actor, ip: ips[i] as string, userAgent: uas[i] as string, protocol: 'HTTP/1.1' };
    yield userRequest(ctx, sender, t, rng.int(1, ctx.site.userCount), key);
    t += rng.exp(60_000 / perMinute);
  }
}

export function addApiAbuse(cast: Cast, ctx: LabContext): void {
  const p = ctx.params;
  const rng = ctx.rng.fork('api');
  const host = () => ctx.alloc.v4(rng, rng.pick(HOSTING).asn);
  const lib = () => rng.pick(HTTP_LIBRARY_UAS);

  const enumKey = `sk_live_${rng.hex(24)}`;
  const enumIp = host();
  const en = cast.addActor({
    label: 'abuse',
    category: 'enumeration',
    scenario: 'api_user_enumeration',
    entity: { kind: 'api_key', value: enumKey },
  });
  cast.addStream(
    enumeration(ctx, rng.fork('enum'), { actor: en, ip: enumIp, userAgent: lib(), protocol: 'HTTP/1.1' }, enumKey),
  );

  const exfilKey = `sk_live_${rng.hex(24)}`;
  const exfilIp = host();
  const ex = cast.addActor({
    label: 'abuse',
    category: 'data_exfiltration',
    scenario: 'cursor_export_exfiltration',
    entity: { kind: 'ip', value: exfilIp },
  });
  cast.addStream(
    exfiltration(ctx, rng.fork('exfil'), { actor: ex, ip: exfilIp, userAgent: lib(), protocol: 'HTTP/1.1' }, exfilKey),
  );

  // A leaked key: its owner keeps using it from home while strangers use it from everywhere at once.
  const leakedKey = `sk_live_${rng.hex(24)}`;
  const ownerIp = ctx.alloc.v4(rng, 16509);
  const owner = cast.addActor({
    label: 'benign',
    kind: 'api_client',
    scenario: 'api_client',
    entity: { kind: 'ip', value: ownerIp },
  });
  const ownerSender = { actor: owner, ip: ownerIp, userAgent: 'okhttp/4.12.0', protocol: 'HTTP/1.1' };
  cast.addStream(keyOwner(ctx, rng.fork('owner'), ownerSender, leakedKey, rng.range(2, 10) * 60_000));
  const leak = cast.addActor({
    label: 'abuse',
    category: 'api_key_abuse',
    scenario: 'api_key_many_networks',
    entity: { kind: 'api_key', value: leakedKey },
  });
  const strangers = Array.from({ length: p.keyAbuseAddresses }, () => {
    const nets = rng.chance(0.5) ? HOSTING : PROXY_NETWORKS;
    return ctx.alloc.v4(rng, rng.pick(nets).asn);
  });
  const leakMs = p.keyAbuseMinutes * 60_000;
  const leakStart = startWithin(ctx, rng, leakMs);
  cast.addStream(keyBurst(ctx, rng.fork('leak'), leak, strangers, leakedKey, leakStart, leakMs, rng.range(20, 60)));

  // A customer key whose own server suddenly calls 50x+ its usual rate (a runaway job or a takeover).
  const spikeKey = `sk_live_${rng.hex(24)}`;
  const spikeIp = host();
  const spike = cast.addActor({
    label: 'abuse',
    category: 'api_key_abuse',
    scenario: 'api_key_volume_spike',
    entity: { kind: 'api_key', value: spikeKey },
  });
  const usualGap = rng.range(2, 6) * 60_000;
  cast.addStream(
    keyOwner(
      ctx,
      rng.fork('spike-base'),
      { actor: spike, ip: spikeIp, userAgent: 'okhttp/4.12.0', protocol: 'HTTP/1.1' },
      spikeKey,
      usualGap,
    ),
  );
  const spikeMs = p.keySpikeMinutes * 60_000;
  const perMinute = (60_000 / usualGap) * p.keySpikeFactor;
  cast.addStream(
    keyBurst(
      ctx,
      rng.fork('spike'),
      spike,
      [spikeIp],
      spikeKey,
      startWithin(ctx, rng, spikeMs),
      spikeMs,
      perMinute,
      'okhttp/4.12.0',
    ),
  );
}
