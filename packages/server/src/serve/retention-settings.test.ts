import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_OPTIONS } from '../store/contract/state-store.contract.js';
import { openSqliteStateStore } from '../store/sqlite/sqlite-state-store.js';
import { RetentionSettings } from './retention-settings.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILE = { maxAgeDays: 30, maxEvents: 0, everyMinutes: 10 };
const ctx = { actor: 'bill@example.com', now: Date.UTC(2026, 10, 21) };

describe('RetentionSettings', () => {
  it('keeps a change across restarts, winning over the config file, until reset', async () => {
    const path = join(dir, 'state.db');
    let state = openSqliteStateStore(path, CONTRACT_OPTIONS);
    const first = await RetentionSettings.open(state, FILE, ctx.now);
    expect(first.current()).toEqual({ ...FILE, source: 'config' });
    await first.set({ maxAgeDays: 7, maxEvents: 1_000_000 }, ctx);
    await state.close();

    state = openSqliteStateStore(path, CONTRACT_OPTIONS);
    const reopened = await RetentionSettings.open(state, FILE, ctx.now);
    expect(reopened.current()).toEqual({ maxAgeDays: 7, maxEvents: 1_000_000, everyMinutes: 10, source: 'api' });
    await reopened.set('reset', ctx);
    expect(reopened.current()).toEqual({ ...FILE, source: 'config' });
    const audit = await state.audit.list({});
    expect(audit.filter((r) => r.entityKind === 'retention').map((r) => [r.actor, r.reason])).toEqual([
      ['bill@example.com', 'retention: max age 7 days, max events 1000000'],
      ['bill@example.com', 'retention back to the config file'],
    ]);
    await expect(reopened.set({ maxAgeDays: Number.NaN, maxEvents: 1 }, ctx)).rejects.toThrow(RangeError);
    await state.close();
  });
});
