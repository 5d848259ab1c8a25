import type { ReportInput, ReportItemInput } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_OPTIONS, contractReport } from './contract/state-store.contract.js';
import type { StateStore } from './contract/state-store.js';
import { approveReport } from './report-approval.js';
import { openSqliteStateStore } from './sqlite/sqlite-state-store.js';

const T0 = Date.UTC(2026, 0, 10, 12);
const who = { actor: 'alice', now: T0 };
let store: StateStore;
afterEach(() => store?.close());

function withItems(extra: ReportItemInput[]): ReportInput {
  const base = contractReport();
  return { ...base, items: [...base.items, ...extra] };
}

const item = (id: string, over: Partial<ReportItemInput['recommendation']>, addresses?: string[]): ReportItemInput => ({
  id,
  findingIds: [id],
  recommendation: {
    action: 'ban',
    scope: 'ip',
    target: '192.0.2.1',
    ttlSeconds: 3600,
    reason: id,
    abuseReport: false,
    ...over,
  },
  addresses,
  coverage: undefined,
});

describe('approveReport', () => {
  it('turns approved items into bans tied to the report and finding, and records their ids', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    const r = await store.reports.create(contractReport(), who);
    const res = await approveReport(store, CONTRACT_OPTIONS, r.id, { itemIds: ['f1'] }, who);
    expect(
      res.bans.map((b) => [b.entry.value, b.entry.origin, b.entry.reportId, b.entry.findingId, b.entry.service]),
    ).toEqual([['198.51.100.1', 'report', r.id, 'f1', 'api']]);
    expect(res.report.items[0]).toMatchObject({ decision: 'approved', banIds: [res.bans[0]!.entry.id] });
    expect(res.report.status).toBe('partial');
  });

  it('bans every member of a campaign and skips what a firewall cannot enforce', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    const r = await store.reports.create(
      withItems([
        item('camp', { target: 'campaign-7' }, ['203.0.113.1', '203.0.113.2']),
        item('key', { scope: 'api_key', target: 'k_1', action: 'throttle' }),
        item('rep', { action: 'report' }),
        item('evil', { target: '1.2.3.4;reboot' }),
      ]),
      who,
    );
    const res = await approveReport(store, CONTRACT_OPTIONS, r.id, {}, who);
    expect(res.bans.map((b) => b.entry.value)).toEqual(['198.51.100.1', '198.51.100.2', '203.0.113.1', '203.0.113.2']);
    expect(res.skipped.map((s) => s.itemId)).toEqual(['key', 'rep', 'evil']);
    expect(res.report.status).toBe('approved');
  });

  it('lengthens the recommended duration along the ladder for a repeat offender', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    for (let i = 0; i < 3; i++)
      await store.bans.add(
        { value: '198.51.100.1', service: 'api', reason: 'earlier', ttlSeconds: 60 },
        { actor: 'x', now: T0 - (3 - i) * 3600_000 },
      );
    const r = await store.reports.create(contractReport(), who);
    const res = await approveReport(store, CONTRACT_OPTIONS, r.id, { itemIds: ['f1'] }, who);
    expect((res.bans[0]!.entry.expiresAt! - T0) / 1000).toBe(7 * 86400);
  });

  it('refuses unknown reports and items, and items already decided', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    await expect(approveReport(store, CONTRACT_OPTIONS, 'r99', {}, who)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await store.reports.create(contractReport(), who);
    await expect(approveReport(store, CONTRACT_OPTIONS, r.id, { itemIds: ['zz'] }, who)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await store.reports.decide(r.id, { decision: 'dismissed', itemIds: ['f2'] }, who);
    await expect(approveReport(store, CONTRACT_OPTIONS, r.id, { itemIds: ['f2'] }, who)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await store.bans.list({ now: T0 })).toEqual([]);
  });
});
