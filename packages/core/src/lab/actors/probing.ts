/**
 * Abuse that probes and guesses: a burst vulnerability scanner, a low-and-slow scanner spread over the
 * whole day, a single-source password brute force, and distributed slow-drip credential stuffing from a
 * residential proxy pool (each address tries only one to three logins and never loads a page).
 */
import type { Cast, LabContext } from '../cast.js';
import { DAY_MS, HOUR_MS } from '../diurnal.js';
import { type RequestStream, request, type Sender } from '../lab-request.js';
import { HOSTING, PROXY_NETWORKS } from '../network-catalog.js';
import { paramsForInstance } from '../params.js';
import type { Rng } from '../prng.js';
import { SITE_ORIGIN, WEB_HOST } from '../site.js';
import { browserUserAgent, PYTHON_REQUESTS_UAS, SCANNER_UAS } from '../user-agents.js';
import { PROBE_PATHS, probeStatus } from './probe-paths.js';
import { startWithin } from './timing.js';

function* burstScanner(ctx: LabContext, rng: Rng, sender: Sender): RequestStream {
  const n = ctx.params.scannerRequests;
  const duration = ctx.params.scannerMinutes * 60_000;
  let t = startWithin(ctx, rng, duration);
  const gap = duration / n;
  const paths = rng.shuffle([...PROBE_PATHS]);
  for (let i = 0; i < n && t < ctx.dayEnd; i++) {
    // The wordlist: known probes first, then guessed backup and admin names.
    const path =
      i < paths.length
        ? (paths[i] as string)
        : `/${rng.pick(['admin', 'backup', 'old', 'test', 'dev', 'api'])}${rng.int(1, 999)}${rng.pick(['.php', '.zip', '.sql', '/', '.bak', '.tar.gz'])}`;
    yield request(
      sender,
      t,
      rng.chance(0.9) ? 'GET' : 'POST',
      path,
      probeStatus(path),
      153 + rng.int(0, 400),
      WEB_HOST,
    );
    t += rng.exp(gap);
  }
}

function* lowAndSlowScanner(ctx: LabContext, rng: Rng, sender: Sender): RequestStream {
  const mean = ctx.params.lowSlowIntervalMin * 60_000;
  let t = ctx.dayStart + rng.range(0, mean);
  const paths = rng.shuffle([...PROBE_PATHS]);
  let i = 0;
  while (t < ctx.dayEnd) {
    const path = paths[i++ % paths.length] as string;
    yield request(sender, t, 'GET', path, probeStatus(path), 153 + rng.int(0, 400), WEB_HOST);
    t += rng.range(0.6 * mean, 1.4 * mean);
  }
}

function* bruteForce(ctx: LabContext, rng: Rng, sender: Sender): RequestStream {
  const n = ctx.params.bruteForceAttempts;
  const duration = ctx.params.bruteForceMinutes * 60_000;
  let t = startWithin(ctx, rng, duration);
  const loginUrl = `${SITE_ORIGIN}/login`;
  for (let i = 0; i < n && t < ctx.dayEnd; i++) {
    yield request(sender, t, 'POST', '/login', 401, 12_106, WEB_HOST, loginUrl);
    t += rng.exp(duration / n);
  }
}

/** One proxy address of the stuffing pool: one to three POSTs to /login, minutes apart. */
function* stuffingMember(ctx: LabContext, rng: Rng, sender: Sender, start: number): RequestStream {
  let t = start;
  const tries = rng.weighted([1, 2, 3], [5, 3, 2]);
  for (let i = 0; i < tries && t < ctx.dayEnd; i++) {
    // A few percent of stolen credentials work.
    const ok = rng.chance(0.02);
    yield request(sender, t, 'POST', '/login', ok ? 302 : 401, ok ? 154 : 12_106, WEB_HOST, `${SITE_ORIGIN}/login`);
    t += rng.range(60_000, 20 * 60_000);
  }
}

export function addProbing(cast: Cast, ctx: LabContext): void {
  const p = ctx.params;
  const rng = ctx.rng.fork('probing');
  const host = (r: Rng) => ctx.alloc.v4(r, r.pick(HOSTING).asn);

  for (let i = 0; i < p.burstScanners; i++) {
    const r = rng.fork(`scan:${i}`);
    const c = { ...ctx, params: paramsForInstance(p, r, i, ['scannerRequests', 'scannerMinutes']) };
    const ip = host(r);
    const actor = cast.addActor({
      label: 'abuse',
      category: 'scanning',
      scenario: 'burst_scanner',
      entity: { kind: 'ip', value: ip },
    });
    cast.addStream(burstScanner(c, r, { actor, ip, userAgent: r.pick(SCANNER_UAS), protocol: 'HTTP/1.1' }));
  }

  const slowIp = host(rng);
  const slow = cast.addActor({
    label: 'abuse',
    category: 'scanning',
    scenario: 'low_and_slow_scanner',
    entity: { kind: 'ip', value: slowIp },
  });
  const slowSender = { actor: slow, ip: slowIp, userAgent: browserUserAgent(rng), protocol: 'HTTP/1.1' };
  cast.addStream(lowAndSlowScanner(ctx, rng.fork('slow'), slowSender));

  // Brute force comes from a hosting address or a compromised home router, with a script or a browser UA.
  for (let i = 0; i < p.bruteForcers; i++) {
    const r = rng.fork(`brute:${i}`);
    const c = { ...ctx, params: paramsForInstance(p, r, i, ['bruteForceAttempts', 'bruteForceMinutes']) };
    const net = r.chance(0.5) ? r.pick(HOSTING) : r.pick(PROXY_NETWORKS);
    const ip = ctx.alloc.v4(r, net.asn);
    const actor = cast.addActor({
      label: 'abuse',
      category: 'brute_force',
      scenario: 'brute_force',
      entity: { kind: 'ip', value: ip },
    });
    const userAgent = r.chance(0.5) ? r.pick(PYTHON_REQUESTS_UAS) : browserUserAgent(r);
    cast.addStream(bruteForce(c, r, { actor, ip, userAgent, protocol: 'HTTP/1.1' }));
  }

  const campaignId = `stuffing-${rng.hex(8)}`;
  const stuffing = cast.addActor({
    label: 'abuse',
    category: 'credential_stuffing',
    scenario: 'credential_stuffing_slow_drip',
    entity: { kind: 'campaign', value: campaignId },
  });
  const window = Math.min(DAY_MS - HOUR_MS, p.stuffingHours * HOUR_MS);
  const windowStart = startWithin(ctx, rng, window);
  // The stuffing tool rotates a handful of browser UAs over its whole pool.
  const uas = Array.from({ length: rng.int(4, 12) }, () => browserUserAgent(rng));
  for (let m = 0; m < p.stuffingAddresses; m++) {
    const r = rng.fork(`stuff:${m}`);
    const ip = ctx.alloc.v4(r, r.pick(PROXY_NETWORKS).asn);
    const sender: Sender = { actor: stuffing, ip, userAgent: r.pick(uas), protocol: 'HTTP/1.1' };
    cast.addStream(stuffingMember(ctx, r, sender, windowStart + r.range(0, window)));
  }
}
