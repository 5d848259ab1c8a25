/**
 * Contract cases for bans and the allowlist: validation, escalation, expiry, removal, supersede, scopes and
 * overlap reporting. Part of `runStateStoreContract` (state-store.contract.ts).
 */
import { expect, it } from 'vitest';
import type { StateStore, StateStoreOptions } from './state-store.js';

export type OpenStore = (options?: StateStoreOptions) => Promise<StateStore>;

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const H = 3600_000;
const who = (now: number, actor = 'alice') => ({ actor, now });

export function banAndAllowCases(open: OpenStore): void {
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
}
