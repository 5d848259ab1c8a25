import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStateStore } from './sqlite-state-store.js';
import { SqliteTokenStore } from './sqlite-tokens.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-tokens-'));
  dirs.push(dir);
  const path = join(dir, 'state.db');
  const state = openSqliteStateStore(path, { escalation: { ladderSeconds: [3600], lookbackSeconds: 86400 } });
  return { path, state, tokens: new SqliteTokenStore(path, state) };
}

describe('SqliteTokenStore', () => {
  it('authenticates a created token with its scopes, stores only its hash, and audits the change', async () => {
    const { path, state, tokens } = open();
    const { token, record } = await tokens.create('fw1', ['bouncer'], { actor: 'token:admin', now: 1000 });
    const p = tokens.authenticate(token);
    expect(p?.name).toBe('fw1');
    expect([...(p?.scopes ?? [])]).toEqual(['bouncer']);
    expect(tokens.authenticate(`${token}x`)).toBeUndefined();
    tokens.close();
    await state.close();
    expect(readFileSync(path).includes(Buffer.from(token))).toBe(false);
    const again = openSqliteStateStore(path, { escalation: { ladderSeconds: [3600], lookbackSeconds: 86400 } });
    const audit = await again.audit.list({ action: 'token_change' });
    expect(audit.map((a) => [a.actor, a.entityId, a.reason])).toEqual([['token:admin', record.id, 'created']]);
    expect((await again.audit.verify()).ok).toBe(true);
    await again.close();
  });

  it('stops authenticating a revoked token and refuses duplicate names and unknown scopes', async () => {
    const { state, tokens } = open();
    const { token, record } = await tokens.create('shipper', ['ingest'], { actor: 'a', now: 1 });
    expect(tokens.authenticate(token)).toBeDefined();
    await tokens.revoke(record.id, { actor: 'a', now: 2 });
    expect(tokens.authenticate(token)).toBeUndefined();
    expect(tokens.count()).toBe(0);
    await expect(tokens.create('shipper', ['read'], { actor: 'a', now: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(tokens.create('x', ['root' as 'read'], { actor: 'a', now: 3 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(tokens.revoke(record.id, { actor: 'a', now: 4 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    tokens.close();
    await state.close();
  });
});
