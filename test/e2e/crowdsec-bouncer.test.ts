/**
 * A client speaking the CrowdSec bouncer protocol (as cs-firewall-bouncer does: X-Api-Key, startup poll,
 * then deltas applied deleted-first) against a loopback HTTP server that mounts Rampart's LAPI handler.
 * The ban list changes between polls; each bouncer key keeps its own cursor, persisted as JSON text.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AllowEntry, BanEntry, BouncerCursor, CrowdsecDecision } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLapiRequest } from '../../packages/server/src/export/crowdsec/lapi-handler.js';
import { entry, NOW } from './export-fixture.js';

let clock = NOW;
let bans: BanEntry[] = [];
let allow: AllowEntry[] = [];
/** Cursors as the server would persist them: JSON text per key. */
const cursors = new Map<string, string | undefined>([
  ['key-fw', undefined],
  ['key-nginx', undefined],
]);

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = req.headers['x-api-key'];
    void handleLapiRequest(
      { method: req.method ?? 'GET', url: req.url ?? '/', apiKey: typeof key === 'string' ? key : undefined },
      {
        bouncer: async (k) => {
          if (!cursors.has(k)) return undefined;
          const text = cursors.get(k);
          return { cursor: text === undefined ? undefined : (JSON.parse(text) as BouncerCursor) };
        },
        saveCursor: async (k, c) => {
          cursors.set(k, JSON.stringify(c));
        },
        lists: async () => ({ bans, allow }),
        now: () => clock,
      },
    ).then((r) => {
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(r.body === undefined ? '' : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** A minimal bouncer: keeps the set of values it blocks, like the firewall bouncer's ipset. */
class Bouncer {
  readonly blocked = new Map<string, CrowdsecDecision>();
  constructor(private readonly key: string) {}
  async get(path: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${base}${path}`, {
      headers: { 'X-Api-Key': this.key, 'User-Agent': 'crowdsec-firewall-bouncer/v0.0.0-rampart-test' },
    });
    return { status: res.status, body: await res.json() };
  }
  async poll(startup = false): Promise<{ new: CrowdsecDecision[] | null; deleted: CrowdsecDecision[] | null }> {
    const r = await this.get(`/v1/decisions/stream${startup ? '?startup=true' : ''}`);
    expect(r.status).toBe(200);
    const body = r.body as { new: CrowdsecDecision[] | null; deleted: CrowdsecDecision[] | null };
    if (startup) this.blocked.clear();
    for (const d of body.deleted ?? []) this.blocked.delete(d.value);
    for (const d of body.new ?? []) this.blocked.set(d.value, d);
    return body;
  }
  values(): string[] {
    return [...this.blocked.keys()].sort();
  }
}

describe('CrowdSec bouncer protocol against Rampart', () => {
  const fw = new Bouncer('key-fw');
  const other = new Bouncer('key-nginx');
  const a = entry('ip', '198.51.100.7');
  const net = entry('cidr', '2001:db8:42::/48');

  it('startup returns every active decision with the LAPI fields', async () => {
    bans = [a, net, entry('ip', '100.64.1.1', 'monitor'), entry('ip', '1.2.3.4; rm -rf /')];
    const body = await fw.poll(true);
    expect(body.deleted).toBeNull();
    expect(fw.values()).toEqual(['198.51.100.7', '2001:db8:42::/48']);
    const d = fw.blocked.get('198.51.100.7')!;
    expect(Object.keys(d).sort()).toEqual(
      ['duration', 'id', 'origin', 'scenario', 'scope', 'type', 'until', 'uuid', 'value'].sort(),
    );
    expect(d).toMatchObject({ type: 'ban', scope: 'Ip', origin: 'rampart', duration: '6h0m0s' });
    expect(fw.blocked.get('2001:db8:42::/48')?.scope).toBe('Range');
  });

  it('the next poll with nothing new answers null for both lists', async () => {
    clock += 10_000;
    expect(await fw.poll()).toEqual({ new: null, deleted: null });
  });

  it('after a ban the next poll gets it in new', async () => {
    const b = entry('ip', '203.0.113.9');
    bans = [...bans, b];
    clock += 10_000;
    const body = await fw.poll();
    expect(body.new?.map((d) => d.value)).toEqual(['203.0.113.9']);
    expect(fw.values()).toEqual(['198.51.100.7', '2001:db8:42::/48', '203.0.113.9']);
  });

  it('after an unban, and after an allow entry covers a ban, they appear in deleted', async () => {
    bans = bans.filter((e) => e.value !== '198.51.100.7');
    clock += 10_000;
    const body = await fw.poll();
    expect(body.new).toBeNull();
    expect(body.deleted?.map((d) => d.value)).toEqual(['198.51.100.7']);
    allow = [
      {
        id: 'a1',
        kind: 'ip',
        value: '203.0.113.9',
        service: undefined,
        reason: 'partner',
        createdAt: clock,
        expiresAt: undefined,
        actor: 'ops',
      },
    ];
    clock += 10_000;
    expect((await fw.poll()).deleted?.map((d) => d.value)).toEqual(['203.0.113.9']);
    expect(fw.values()).toEqual(['2001:db8:42::/48']);
  });

  it('a ban that expires shows up in deleted once its time has passed', async () => {
    bans = [...bans, entry('ip', '192.0.2.55', 'ban', { expiresAt: clock + 60_000 })];
    clock += 1000;
    expect((await fw.poll()).new?.map((d) => [d.value, d.duration])).toEqual([['192.0.2.55', '59s']]);
    clock += 60_000;
    expect((await fw.poll()).deleted?.map((d) => d.value)).toEqual(['192.0.2.55']);
  });

  it('another bouncer key has its own cursor: its first poll still gets everything active', async () => {
    const body = await other.poll();
    expect(body.new?.map((d) => d.value).sort()).toEqual(['2001:db8:42::/48']);
    expect(await other.poll()).toEqual({ new: null, deleted: null });
  });

  it('answers GET /v1/decisions?ip= with the covering decision, or null', async () => {
    const hit = await fw.get('/v1/decisions?ip=2001:db8:42::1');
    expect((hit.body as CrowdsecDecision[]).map((d) => d.value)).toEqual(['2001:db8:42::/48']);
    expect((await fw.get('/v1/decisions?ip=198.51.100.8')).body).toBeNull();
    expect((await fw.get('/v1/decisions?ip=not-an-ip')).status).toBe(400);
  });

  it('a wrong or missing key gets 403 access forbidden', async () => {
    const wrong = await new Bouncer('key-unknown').get('/v1/decisions/stream?startup=true');
    expect(wrong).toEqual({ status: 403, body: { message: 'access forbidden' } });
    const res = await fetch(`${base}/v1/decisions/stream`);
    expect(res.status).toBe(403);
  });
});
