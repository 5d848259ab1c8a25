import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_OPTIONS, runStateStoreContract } from '../contract/state-store.contract.js';
import { openSqliteStateStore } from './sqlite-state-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-state-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStateStoreContract('sqlite (file)', (options) => openSqliteStateStore(join(dir, `c${n++}`, 'state.db'), options));
runStateStoreContract('sqlite (memory)', (options) => openSqliteStateStore(':memory:', options));

const T0 = Date.UTC(2026, 0, 10, 12);

async function storeWithHistory(path: string) {
  const s = openSqliteStateStore(path, CONTRACT_OPTIONS);
  await s.bans.add({ value: '198.51.100.1', reason: 'one' }, { actor: 'alice', now: T0 });
  await s.bans.add({ value: '198.51.100.2', reason: 'two' }, { actor: 'alice', now: T0 + 1 });
  await s.allow.add({ value: '192.0.2.1', reason: 'three' }, { actor: 'bob', now: T0 + 2 });
  await s.bans.removeValue('198.51.100.1', undefined, 'four', { actor: 'bob', now: T0 + 3 });
  return s;
}

describe('sqlite state store: audit tampering', () => {
  it('fails verification and names the record edited through another connection', async () => {
    const path = join(dir, 'tamper-edit', 'state.db');
    const s = await storeWithHistory(path);
    expect((await s.audit.verify()).ok).toBe(true);
    const other = new Database(path);
    other.prepare("UPDATE audit SET reason = 'nothing to see' WHERE seq = 2").run();
    other.close();
    const verdict = await s.audit.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.broken).toEqual({ seq: 2, problem: expect.stringMatching(/edited/) });
    await s.close();
  });

  it('fails verification when a record in the middle is deleted', async () => {
    const path = join(dir, 'tamper-delete', 'state.db');
    const s = await storeWithHistory(path);
    const other = new Database(path);
    other.prepare('DELETE FROM audit WHERE seq = 3').run();
    other.close();
    expect((await s.audit.verify()).broken?.seq).toBe(3);
    await s.close();
  });

  it('fails verification when the newest record is deleted', async () => {
    const path = join(dir, 'tamper-tail', 'state.db');
    const s = await storeWithHistory(path);
    const other = new Database(path);
    other.prepare('DELETE FROM audit WHERE seq = 4').run();
    other.close();
    expect((await s.audit.verify()).broken?.problem).toMatch(/head 4/);
    await s.close();
  });

  it('fails verification when a stored snapshot is replaced with text that is not JSON', async () => {
    const path = join(dir, 'tamper-json', 'state.db');
    const s = await storeWithHistory(path);
    const other = new Database(path);
    other.prepare(`UPDATE audit SET after_json = '{"value":"203.0.113.9"' WHERE seq = 1`).run();
    other.close();
    expect((await s.audit.verify()).broken?.seq).toBe(1);
    await s.close();
  });
});

describe('sqlite state store: file', () => {
  it('uses WAL with full sync and records applied migrations', async () => {
    const path = join(dir, 'pragmas', 'state.db');
    const s = openSqliteStateStore(path, CONTRACT_OPTIONS);
    await s.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT name FROM schema_migrations').all()).toEqual([{ name: '001_state' }]);
    db.close();
  });

  it('keeps state across reopen', async () => {
    const path = join(dir, 'reopen', 'state.db');
    const s = await storeWithHistory(path);
    await s.close();
    const again = openSqliteStateStore(path, CONTRACT_OPTIONS);
    expect((await again.bans.list({ now: T0 + 4 })).map((b) => b.value)).toEqual(['198.51.100.2']);
    expect((await again.audit.verify()).checked).toBe(4);
    await again.close();
  });
});
