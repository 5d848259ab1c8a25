import { describe, expect, it } from 'vitest';
import { goDuration } from './crowdsec-decision.js';
import { type BouncerCursor, parseDecisionFilter, pollDecisionStream, queryDecisions } from './crowdsec-stream.js';
import type { BanEntry, BanKind, BanMode } from './list-entry.js';

const NOW = Date.UTC(2026, 10, 21, 8, 0, 0);
const H = 3_600_000;
let seq = 0;
function ban(
  kind: BanKind,
  value: string,
  mode: BanMode = 'ban',
  expiresAt: number | undefined = NOW + 4 * H,
): BanEntry {
  seq++;
  return {
    id: `e${seq}`,
    kind,
    value,
    mode,
    service: undefined,
    origin: 'detector',
    reason: 'r',
    findingId: undefined,
    reportId: undefined,
    createdAt: NOW - H + seq,
    expiresAt,
    offence: 0,
    actor: 'a',
  };
}
const DEFAULT = parseDecisionFilter(new URLSearchParams());
const poll = (entries: BanEntry[], cursor: BouncerCursor | undefined, now = NOW, startup = false, extra = {}) =>
  pollDecisionStream(entries, cursor, { now, startup, filter: DEFAULT, ...extra });

describe('goDuration', () => {
  it('writes Go time.Duration text', () => {
    expect(goDuration(4 * H - 2000)).toBe('3h59m58s');
    expect(goDuration(90_000)).toBe('1m30s');
    expect(goDuration(7000)).toBe('7s');
    expect(goDuration(-90_000)).toBe('-1m30s');
    expect(goDuration(168 * H)).toBe('168h0m0s');
  });
});

describe('pollDecisionStream', () => {
  const a = ban('ip', '198.51.100.7');
  const net = ban('cidr', '2001:db8::/48');
  const asn = ban('asn', 'AS64496');
  const thr = ban('ip', '100.64.1.1', 'throttle');
  const mon = ban('ip', '100.64.2.2', 'monitor');

  it('startup returns every active Ip/Range ban with LAPI fields; AS, throttle and monitor are left out by default', () => {
    const { response } = poll([a, net, asn, thr, mon], undefined, NOW, true);
    expect(response.deleted).toBeNull();
    expect(response.new?.map((d) => [d.scope, d.value, d.type])).toEqual([
      ['Ip', '198.51.100.7', 'ban'],
      ['Range', '2001:db8::/48', 'ban'],
    ]);
    const d = response.new![0]!;
    expect(d).toMatchObject({ origin: 'rampart', duration: '4h0m0s', scenario: 'rampart/detector' });
    expect(Number.isSafeInteger(d.id) && d.id > 0).toBe(true);
  });

  it('sends AS decisions and throttle decisions only to bouncers that ask for them', () => {
    const filter = parseDecisionFilter(new URLSearchParams({ scopes: 'IP,as' }));
    const { response } = pollDecisionStream([a, asn, thr], undefined, {
      now: NOW,
      startup: true,
      filter,
      types: ['ban', 'throttle'],
    });
    expect(response.new?.map((d) => `${d.type} ${d.scope} ${d.value}`).sort()).toEqual([
      'ban AS 64496',
      'ban Ip 198.51.100.7',
      'throttle Ip 100.64.1.1',
    ]);
  });

  it('answers null/null when nothing changed, then the delta after a ban and after an unban', () => {
    const first = poll([a], undefined, NOW, true);
    const idle = poll([a], first.cursor, NOW + 10_000);
    expect(idle.response).toEqual({ new: null, deleted: null });
    const b = ban('ip', '203.0.113.9');
    const added = poll([a, b], idle.cursor, NOW + 20_000);
    expect(added.response.new?.map((d) => d.value)).toEqual(['203.0.113.9']);
    expect(added.response.deleted).toBeNull();
    const removed = poll([b], added.cursor, NOW + 30_000);
    expect(removed.response.new).toBeNull();
    expect(removed.response.deleted?.map((d) => [d.value, d.id])).toEqual([
      ['198.51.100.7', first.response.new![0]!.id],
    ]);
  });

  it('reports an expired ban as deleted once its time has passed', () => {
    const short = ban('ip', '192.0.2.5', 'ban', NOW + 60_000);
    const first = poll([short], undefined, NOW, true);
    expect(first.response.new?.[0]?.duration).toBe('1m0s');
    const later = poll([short], first.cursor, NOW + 61_000);
    expect(later.response.deleted?.map((d) => d.value)).toEqual(['192.0.2.5']);
    expect(later.response.deleted?.[0]?.duration).toBe('-1s');
  });

  it('tells a permanent ban with a 7-day duration and re-sends it before that runs out', () => {
    const perm = { ...ban('ip', '192.0.2.100'), expiresAt: undefined };
    const first = poll([perm], undefined, NOW, true);
    expect(first.response.new?.[0]?.duration).toBe('168h0m0s');
    expect(poll([perm], first.cursor, NOW + 5 * 24 * H).response.new).toBeNull();
    const refresh = poll([perm], first.cursor, NOW + 6 * 24 * H + H);
    expect(refresh.response.new?.[0]?.duration).toBe('168h0m0s');
    expect(refresh.response.new?.[0]?.id).toBe(first.response.new?.[0]?.id);
  });

  it('re-sends a decision whose ban was extended, and merges entries on the same value to the longest', () => {
    const first = poll([a], undefined, NOW, true);
    const longer = { ...ban('ip', '198.51.100.7'), expiresAt: NOW + 24 * H };
    const next = poll([a, longer], first.cursor, NOW + 1000);
    expect(next.response.new?.map((d) => [d.value, d.duration])).toEqual([['198.51.100.7', '23h59m59s']]);
    expect(next.response.deleted).toBeNull();
  });

  it('applies origins and scenarios filters like LAPI', () => {
    const only = (q: Record<string, string>) =>
      pollDecisionStream([a], undefined, {
        now: NOW,
        startup: true,
        filter: parseDecisionFilter(new URLSearchParams(q)),
      }).response.new;
    expect(only({ origins: 'crowdsec,cscli' })).toBeNull();
    expect(only({ origins: 'rampart' })).toHaveLength(1);
    expect(only({ scenarios_containing: 'detector' })).toHaveLength(1);
    expect(only({ scenarios_not_containing: 'detector' })).toBeNull();
  });

  it('never turns a hostile value into a decision', () => {
    const bad = [
      ban('ip', '1.2.3.4; rm -rf /'),
      ban('cidr', '0.0.0.0/0'),
      ban('ip', '1.2.3.4\nx'),
      ban('asn', 'AS1 2'),
    ];
    const { response, refused } = pollDecisionStream(bad, undefined, {
      now: NOW,
      startup: true,
      filter: parseDecisionFilter(new URLSearchParams({ scopes: 'ip,range,as,country' })),
    });
    expect(response.new).toBeNull();
    expect(refused).toHaveLength(4);
  });

  it('expands an AS ban to Range decisions when given prefixes', () => {
    const { response } = poll([asn], undefined, NOW, true, {
      expand: (kind: string) => (kind === 'asn' ? ['203.0.113.0/24', 'not a prefix'] : []),
    });
    expect(response.new?.map((d) => [d.scope, d.value, d.scenario])).toEqual([
      ['Range', '203.0.113.0/24', 'rampart/detector AS64496'],
    ]);
  });
});

describe('queryDecisions', () => {
  const net = ban('cidr', '203.0.113.0/24');
  it('finds the range containing an address, and null when none does', () => {
    const hit = queryDecisions([net], new URLSearchParams({ ip: '203.0.113.77' }), NOW);
    expect(hit.ok && hit.body?.map((d) => d.value)).toEqual(['203.0.113.0/24']);
    const miss = queryDecisions([net], new URLSearchParams({ ip: '198.51.100.1' }), NOW);
    expect(miss).toEqual({ ok: true, body: null });
  });
  it('with contains=false lists decisions inside a range', () => {
    const inner = ban('ip', '203.0.113.5');
    const r = queryDecisions([net, inner], new URLSearchParams({ range: '203.0.113.0/25', contains: 'false' }), NOW);
    expect(r.ok && r.body?.map((d) => d.value)).toEqual(['203.0.113.5']);
  });
  it('answers 400 for a value that is not an address', () => {
    expect(queryDecisions([net], new URLSearchParams({ ip: 'x; y' }), NOW)).toMatchObject({ ok: false, status: 400 });
  });
});
