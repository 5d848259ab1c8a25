/**
 * Contract cases for the audit chain, reports, the ban change feed, the cache and cursors. Part of
 * `runStateStoreContract` (state-store.contract.ts).
 */
import type { ReportInput } from '@rampart/core';
import { expect, it } from 'vitest';
import type { OpenStore } from './bans-allow.cases.js';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const who = (now: number, actor = 'alice') => ({ actor, now });

export function auditReportCases(open: OpenStore, report: () => ReportInput): void {
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
    const r = await s.reports.create(report(), who(T0));
    expect(r.status).toBe('pending');
    const partly = await s.reports.decide(
      r.id,
      { decision: 'approved', itemIds: ['f1'], banIds: { f1: ['b1'] } },
      who(T0 + 1),
    );
    expect(partly.status).toBe('partial');
    expect(partly.items[0]).toMatchObject({ decision: 'approved', decidedBy: 'alice', banIds: ['b1'] });
    await expect(s.reports.decide(r.id, { decision: 'dismissed', itemIds: ['f1'] }, who(T0 + 2))).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
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
    const r = await s.reports.create(report(), who(T0));
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
}
