import type { AutoBanRule, Finding } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAutoBans } from './auto-ban.js';
import { CONTRACT_OPTIONS, contractFinding } from './contract/state-store.contract.js';
import type { StateStore } from './contract/state-store.js';
import { openSqliteStateStore } from './sqlite/sqlite-state-store.js';

const T0 = Date.UTC(2026, 0, 10, 12);
const rule = (over: Partial<AutoBanRule> = {}): AutoBanRule => ({
  service: 'api',
  detectors: ['brute_force'],
  minScore: 0.9,
  actions: ['ban'],
  ...over,
});
let store: StateStore;
afterEach(() => store?.close());

describe('applyAutoBans', () => {
  it('bans findings that match a rule, with origin detector and the finding id', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    const low: Finding = { ...contractFinding('f2', '198.51.100.2'), score: 0.5 };
    const other: Finding = { ...contractFinding('f3', '198.51.100.3'), detector: 'scraping' };
    const res = await applyAutoBans(
      store,
      CONTRACT_OPTIONS,
      [contractFinding('f1', '198.51.100.1'), low, other],
      [rule()],
      {
        actor: 'detector',
        now: T0,
      },
    );
    expect(res.added.map((a) => [a.entry.value, a.entry.origin, a.entry.findingId, a.entry.service])).toEqual([
      ['198.51.100.1', 'detector', 'f1', 'api'],
    ]);
    expect(res.added[0]?.entry.expiresAt).toBe(T0 + 3600_000);
  });

  it('does nothing without rules', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    expect(
      (
        await applyAutoBans(store, CONTRACT_OPTIONS, [contractFinding('f1', '198.51.100.1')], [], {
          actor: 'd',
          now: T0,
        })
      ).added,
    ).toEqual([]);
  });

  it('leaves a client that is already banned alone instead of escalating it every cycle', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    const f = contractFinding('f1', '198.51.100.1');
    await applyAutoBans(store, CONTRACT_OPTIONS, [f], [rule()], { actor: 'd', now: T0 });
    const again = await applyAutoBans(store, CONTRACT_OPTIONS, [f], [rule()], { actor: 'd', now: T0 + 60_000 });
    expect(again.added).toEqual([]);
    expect(again.skipped).toEqual([{ findingId: 'f1', value: '198.51.100.1', why: 'already banned' }]);
    const later = await applyAutoBans(store, CONTRACT_OPTIONS, [f], [rule()], { actor: 'd', now: T0 + 2 * 3600_000 });
    expect((later.added[0]!.entry.expiresAt! - (T0 + 2 * 3600_000)) / 1000).toBe(21600);
  });

  it('matches any service with "*" and applies throttles only when the rule says so', async () => {
    store = openSqliteStateStore(':memory:', CONTRACT_OPTIONS);
    const throttled: Finding = {
      ...contractFinding('f1', '198.51.100.1'),
      service: 'web',
      recommendation: { ...contractFinding('x', '198.51.100.1').recommendation, action: 'throttle' },
    };
    const none = await applyAutoBans(store, CONTRACT_OPTIONS, [throttled], [rule({ service: '*' })], {
      actor: 'd',
      now: T0,
    });
    expect(none.added).toEqual([]);
    const some = await applyAutoBans(
      store,
      CONTRACT_OPTIONS,
      [throttled],
      [rule({ service: '*', actions: ['throttle'] })],
      {
        actor: 'd',
        now: T0,
      },
    );
    expect(some.added.map((a) => [a.entry.mode, a.entry.service])).toEqual([['throttle', 'web']]);
  });
});
