/**
 * The behaviour every state store backend MUST have. A backend's test file calls
 * `runStateStoreContract(name, makeStore)`; `makeStore` returns a fresh, empty store each time.
 * Time is always passed in, so the suite runs the same on any backend and never sleeps.
 */
import type { Finding, ReportInput } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateStore, StateStoreOptions } from './state-store.js';

export type MakeStore = (options: StateStoreOptions) => StateStore | Promise<StateStore>;

export const CONTRACT_OPTIONS: StateStoreOptions = {
  escalation: { ladderSeconds: [3600, 6 * 3600, 24 * 3600, 7 * 86400], lookbackSeconds: 30 * 86400 },
};

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const H = 3600_000;
const who = (now: number, actor = 'alice') => ({ actor, now });

export function contractFinding(id: string, ip: string): Finding {
  return {
    id,
    detector: 'brute_force',
    service: 'api',
    entity: { kind: 'ip', value: ip },
    category: 'brute_force',
    score: 0.95,
    confidence: 0.9,
    summary: `failed logins from ${ip}`,
    signals: [],
    recommendation: { action: 'ban', scope: 'ip', target: ip, ttlSeconds: 3600, reason: 'hosting', abuseReport: false },
    enrichment: {
      asn: 64500,
      org: 'Example Hosting',
      country: 'NL',
      networkType: 'hosting',
      prefix: undefined,
      abuseContact: undefined,
      crawler: undefined,
    },
    first_seen: '2026-01-10T11:00:00.000Z',
    last_seen: '2026-01-10T11:30:00.000Z',
    requests: 500,
    evidence: [],
    ips: undefined,
  };
}

export function contractReport(): ReportInput {
  const findings = [contractFinding('f1', '198.51.100.1'), contractFinding('f2', '198.51.100.2')];
  return {
    service: 'api',
    from: '2026-01-10T11:00:00.000Z',
    to: '2026-01-10T12:00:00.000Z',
    summary: '2 findings',
    findings,
    items: findings.map((f) => ({
      id: f.id,
      findingIds: [f.id],
      recommendation: f.recommendation,
      addresses: undefined,
      coverage: undefined,
    })),
    abuseDrafts: [],
  };
}

export function runStateStoreContract(name: string, makeStore: MakeStore): void {
  describe(`state store contract: ${name}`, () => {
    let store: StateStore | undefined;
    const open = async (options = CONTRACT_OPTIONS) => {
      store = await makeStore(options);
      return store;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('reports a schema version of at least 1', async () => {
      const s = await open();
      expect(await s.schemaVersion()).toBeGreaterThanOrEqual(1);
    });

    it('normalizes values and guesses their kind', async () => {
      const s = await open();
      const a = await s.bans.add({ value: '2001:DB8::1', reason: 'r' }, who(T0));
      const b = await s.bans.add({ value: '203.0.113.0/24', reason: 'r' }, who(T0));
      const c = await s.bans.add({ value: 'as64500', reason: 'r' }, who(T0));
      const d = await s.bans.add({ value: 'nl', reason: 'r' }, who(T0));
      expect([a, b, c, d].map((r) => [r.entry.kind, r.entry.value])).toEqual([
        ['ip', '2001:db8::1'],
        ['cidr', '203.0.113.0/24'],
        ['asn', 'AS64500'],
        ['country', 'NL'],
      ]);
      expect(a.entry).toMatchObject({ mode: 'ban', origin: 'manual', actor: 'alice', service: undefined });
    });

    it('refuses values that are not addresses, networks, ASNs or countries', async () => {
      const s = await open();
      await expect(s.bans.add({ value: '1.2.3.4; rm -rf /', reason: 'r' }, who(T0))).rejects.toMatchObject({
        code: 'INVALID_ADDRESS',
      });
      await expect(s.bans.add({ value: '10.0.0.1/8', reason: 'r' }, who(T0))).rejects.toMatchObject({
        code: 'INVALID_ADDRESS',
      });
      await expect(s.bans.add({ kind: 'country', value: 'QQ', reason: 'r' }, who(T0))).rejects.toThrow(/ISO 3166/);
      expect(await s.bans.list({ now: T0 })).toEqual([]);
    });

    it('escalates repeat offences along the ladder: 1h, 6h, 24h, 7d, then 7d again', async () => {
      const s = await open();
      const ttls: number[] = [];
      let now = T0;
      for (let i = 0; i < 5; i++) {
        const { entry } = await s.bans.add({ value: '198.51.100.7', reason: 'again' }, who(now));
        ttls.push((entry.expiresAt! - entry.createdAt) / 1000);
        expect(entry.offence).toBe(i);
        now = entry.expiresAt! + H;
      }
      expect(ttls).toEqual([3600, 21600, 86400, 604800, 604800]);
    });

    it('forgets offences older than the lookback', async () => {
      const s = await open();
      await s.bans.add({ value: '198.51.100.7', reason: 'first' }, who(T0));
      const later = T0 + 31 * 24 * H;
      const { entry } = await s.bans.add({ value: '198.51.100.7', reason: 'much later' }, who(later));
      expect(entry.offence).toBe(0);
      expect(entry.expiresAt! - later).toBe(H);
    });

    it('counts offences per service', async () => {
      const s = await open();
      await s.bans.add({ value: '198.51.100.7', service: 'api', reason: 'r' }, who(T0));
      const { entry } = await s.bans.add({ value: '198.51.100.7', service: 'web', reason: 'r' }, who(T0));
      expect(entry.offence).toBe(0);
      expect(await s.bans.offences('ip', '198.51.100.7', 'api', T0 - H)).toBe(1);
    });

    it('uses an explicit TTL or no expiry when asked', async () => {
      const s = await open();
      const a = await s.bans.add({ value: '198.51.100.8', ttlSeconds: 600, reason: 'r' }, who(T0));
      const b = await s.bans.add({ value: '198.51.100.9', permanent: true, reason: 'r' }, who(T0));
      expect(a.entry.expiresAt).toBe(T0 + 600_000);
      expect(b.entry.expiresAt).toBeUndefined();
    });

    it('stops listing a ban once its time is up, and the sweep audits the expiry once', async () => {
      const s = await open();
      const { entry } = await s.bans.add({ value: '198.51.100.7', reason: 'r' }, who(T0));
      expect((await s.bans.list({ now: T0 + H - 1 })).map((b) => b.id)).toEqual([entry.id]);
      expect(await s.bans.list({ now: T0 + H })).toEqual([]);
      expect(await s.sweepExpired(T0 + 2 * H)).toEqual({ bans: 1, allows: 0 });
      expect(await s.sweepExpired(T0 + 3 * H)).toEqual({ bans: 0, allows: 0 });
      const expired = await s.audit.list({ action: 'expire' });
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({ entityId: entry.id, actor: 'system', ts: T0 + 2 * H });
      expect(await s.bans.get(entry.id)).toMatchObject({ endReason: 'expired', endedAt: T0 + H });
    });

    it('removes by id and by value, auditing each removal with before and after', async () => {
      const s = await open();
      const a = await s.bans.add({ value: '198.51.100.1', reason: 'r' }, who(T0));
      await s.bans.add({ value: '198.51.100.2', reason: 'r' }, who(T0));
      expect((await s.bans.remove(a.entry.id, 'mistake', who(T0 + 1, 'bob')))?.endReason).toBe('removed');
      expect(await s.bans.remove(a.entry.id, 'again', who(T0 + 2))).toBeUndefined();
      expect(await s.bans.removeValue('198.51.100.2', undefined, 'done', who(T0 + 3))).toHaveLength(1);
      expect(await s.bans.list({ now: T0 + 4 })).toEqual([]);
      expect(await s.bans.list({ now: T0 + 4, includeInactive: true })).toHaveLength(2);
      const unbans = await s.audit.list({ action: 'unban' });
      expect(unbans[0]).toMatchObject({ actor: 'bob', reason: 'mistake', entityId: a.entry.id });
      expect(unbans[0]?.before).toMatchObject({ value: '198.51.100.1' });
      expect(unbans[0]?.after).toMatchObject({ endReason: 'removed', endedAt: T0 + 1 });
    });

    it('replaces an active ban on the same value and scope instead of stacking them', async () => {
      const s = await open();
      const first = await s.bans.add({ value: '198.51.100.1', mode: 'throttle', reason: 'r' }, who(T0));
      const second = await s.bans.add({ value: '198.51.100.1', mode: 'ban', reason: 'worse' }, who(T0 + 60_000));
      expect(second.superseded?.id).toBe(first.entry.id);
      expect((await s.bans.list({ now: T0 + 120_000 })).map((b) => b.mode)).toEqual(['ban']);
    });

    it('lists the bans that apply to a service: its own and the global ones', async () => {
      const s = await open();
      await s.bans.add({ value: '198.51.100.1', service: 'api', reason: 'r' }, who(T0));
      await s.bans.add({ value: '198.51.100.2', service: 'web', reason: 'r' }, who(T0));
      await s.bans.add({ value: '198.51.100.3', reason: 'r' }, who(T0));
      const forApi = await s.bans.list({ now: T0, service: 'api' });
      expect(forApi.map((b) => b.value)).toEqual(['198.51.100.1', '198.51.100.3']);
      expect(await s.bans.list({ now: T0 })).toHaveLength(3);
    });

    it('reports an allowlisted address inside a new network ban as a conflict', async () => {
      const s = await open();
      const allow = await s.allow.add({ value: '203.0.113.7', reason: 'office' }, who(T0));
      const ban = await s.bans.add({ value: '203.0.113.0/24', reason: 'hosting' }, who(T0));
      expect(ban.conflicts.map((c) => c.id)).toEqual([allow.entry.id]);
      const other = await s.bans.add({ value: '203.0.114.0/24', reason: 'hosting' }, who(T0));
      expect(other.conflicts).toEqual([]);
    });

    it('reports the active bans a new allow entry overrides', async () => {
      const s = await open();
      const ban = await s.bans.add({ value: '2001:db8::/48', reason: 'r' }, who(T0));
      await s.bans.add({ value: '198.51.100.0/24', service: 'web', reason: 'r' }, who(T0));
      const res = await s.allow.add({ value: '2001:db8::42', reason: 'partner' }, who(T0));
      expect(res.conflicts.map((c) => c.id)).toEqual([ban.entry.id]);
      const scoped = await s.allow.add({ value: '198.51.100.9', service: 'api', reason: 'r' }, who(T0));
      expect(scoped.conflicts).toEqual([]);
    });

    it('keeps allow entries of every kind, with expiry, and removes them with an audit record', async () => {
      const s = await open();
      const kinds = [
        await s.allow.add({ kind: 'crawler', value: 'Googlebot', reason: 'seo' }, who(T0)),
        await s.allow.add({ kind: 'api_key', value: 'key_live_123', reason: 'partner' }, who(T0)),
        await s.allow.add({ value: 'AS15169', reason: 'r', ttlSeconds: 60 }, who(T0)),
      ];
      expect(kinds.map((k) => k.entry.value)).toEqual(['googlebot', 'key_live_123', 'AS15169']);
      expect(await s.allow.list({ now: T0 + 61_000 })).toHaveLength(2);
      expect(await s.sweepExpired(T0 + 61_000)).toEqual({ bans: 0, allows: 1 });
      expect(await s.allow.removeValue('googlebot', undefined, 'no longer', who(T0 + 62_000))).toHaveLength(1);
      expect((await s.allow.list({ now: T0 + 63_000 })).map((a) => a.kind)).toEqual(['api_key']);
      expect((await s.audit.list({ action: 'unallow' }))[0]?.reason).toBe('no longer');
    });

    it('chains every change in the audit trail and verifies it', async () => {
      const s = await open();
      await s.bans.add({ value: '198.51.100.1', reason: 'r' }, who(T0));
      await s.allow.add({ value: '198.51.100.1', reason: 'r' }, who(T0 + 1));
      await s.audit.append(
        {
          action: 'config_change',
          entityKind: 'config',
          entityId: 'decide',
          reason: 'tune',
          before: { a: 1 },
          after: { a: 2 },
        },
        who(T0 + 2),
      );
      const records = await s.audit.list({});
      expect(records.map((r) => [r.seq, r.action])).toEqual([
        [1, 'ban'],
        [2, 'allow'],
        [3, 'config_change'],
      ]);
      expect(records[1]?.prevHash).toBe(records[0]?.hash);
      expect(records[2]?.after).toEqual({ a: 2 });
      const verdict = await s.audit.verify();
      expect(verdict).toMatchObject({ ok: true, checked: 3, headHash: records[2]?.hash });
      expect(await s.audit.head()).toEqual({ seq: 3, hash: records[2]?.hash });
    });

    it('keeps reports pending until items are approved or dismissed, in part or whole', async () => {
      const s = await open();
      const r = await s.reports.create(contractReport(), who(T0));
      expect(r.status).toBe('pending');
      const partly = await s.reports.decide(
        r.id,
        { decision: 'approved', itemIds: ['f1'], banIds: { f1: ['b1'] } },
        who(T0 + 1),
      );
      expect(partly.status).toBe('partial');
      expect(partly.items[0]).toMatchObject({ decision: 'approved', decidedBy: 'alice', banIds: ['b1'] });
      await expect(
        s.reports.decide(r.id, { decision: 'dismissed', itemIds: ['f1'] }, who(T0 + 2)),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await expect(
        s.reports.decide(r.id, { decision: 'dismissed', itemIds: ['nope'] }, who(T0 + 2)),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const rest = await s.reports.decide(r.id, { decision: 'dismissed', note: 'known partner' }, who(T0 + 3));
      expect(rest.status).toBe('mixed');
      expect((await s.reports.get(r.id))?.items.map((i) => i.decision)).toEqual(['approved', 'dismissed']);
      expect((await s.reports.list({ status: 'mixed' })).map((x) => x.id)).toEqual([r.id]);
      expect((await s.audit.list({ entityId: r.id })).map((a) => a.action)).toEqual([
        'report_create',
        'report_decision',
        'report_decision',
      ]);
    });

    it('dismisses a whole report at once', async () => {
      const s = await open();
      const r = await s.reports.create(contractReport(), who(T0));
      expect((await s.reports.decide(r.id, { decision: 'dismissed' }, who(T0))).status).toBe('dismissed');
      expect(await s.reports.list({ status: 'pending' })).toEqual([]);
    });

    it('streams ban changes after a cursor, expiries included', async () => {
      const s = await open();
      const a = await s.bans.add({ value: '198.51.100.1', ttlSeconds: 60, reason: 'r' }, who(T0));
      const start = await s.bans.changesSince(0, T0 + 1);
      expect(start.added.map((b) => b.id)).toEqual([a.entry.id]);
      const b = await s.bans.add({ value: '198.51.100.2', permanent: true, reason: 'r' }, who(T0 + 2));
      const next = await s.bans.changesSince(start.cursor, T0 + 61_000);
      expect(next.added.map((x) => x.id)).toEqual([b.entry.id]);
      expect(next.removed.map((x) => x.id)).toEqual([a.entry.id]);
      await s.bans.remove(b.entry.id, 'done', who(T0 + 62_000));
      const last = await s.bans.changesSince(next.cursor, T0 + 63_000);
      expect(last.added).toEqual([]);
      expect(last.removed.map((x) => x.id)).toEqual([b.entry.id]);
      expect((await s.bans.changesSince(last.cursor, T0 + 64_000)).removed).toEqual([]);
    });

    it('caches values with expiry and keeps named cursors', async () => {
      const s = await open();
      await s.kv.set('rdap', '198.51.100.0/24', '{"abuse":"a@b"}', T0 + 1000);
      expect(await s.kv.get('rdap', '198.51.100.0/24', T0)).toBe('{"abuse":"a@b"}');
      expect(await s.kv.get('rdap', '198.51.100.0/24', T0 + 1000)).toBeUndefined();
      await s.kv.delete('rdap', '198.51.100.0/24');
      expect(await s.cursors.get('bouncer:k1')).toBeUndefined();
      await s.cursors.set('bouncer:k1', '7');
      await s.cursors.set('bouncer:k1', '9');
      expect(await s.cursors.get('bouncer:k1')).toBe('9');
    });
  });
}
