import { describe, expect, it } from 'vitest';
import {
  type AuditInput,
  type AuditRecord,
  canonicalJson,
  GENESIS_HASH,
  sealAudit,
  verifyChain,
} from './audit-chain.js';

const input = (i: number): AuditInput => ({
  ts: 1_700_000_000_000 + i,
  actor: 'alice',
  action: 'ban',
  entityKind: 'ban',
  entityId: `b${i}`,
  reason: `reason ${i}`,
  before: null,
  after: { value: `198.51.100.${i}`, nested: { z: 1, a: [2, 1] } },
});

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 1; i <= n; i++) out.push(sealAudit(input(i), out[out.length - 1]));
  return out;
}

describe('audit chain', () => {
  it('serializes with sorted keys at every level, so key order never changes a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [true, null] } })).toBe('{"a":{"c":[true,null]},"b":1}');
  });

  it('links each record to the previous hash, starting from the genesis hash', () => {
    const c = chain(3);
    expect(c[0]?.prevHash).toBe(GENESIS_HASH);
    expect(c[2]?.prevHash).toBe(c[1]?.hash);
    expect(verifyChain(c)).toMatchObject({ ok: true, checked: 3, headHash: c[2]?.hash });
  });

  it('names the first edited record', () => {
    const c = chain(4);
    c[1] = { ...c[1]!, reason: 'rewritten' };
    expect(verifyChain(c).broken).toEqual({ seq: 2, problem: expect.stringMatching(/edited/) });
  });

  it('detects a removed record even when the remaining hashes are intact', () => {
    const c = chain(4);
    c.splice(2, 1);
    expect(verifyChain(c).broken?.seq).toBe(3);
  });

  it('detects a re-sealed record through the next record’s prev_hash', () => {
    const c = chain(3);
    c[0] = sealAudit({ ...input(1), reason: 'forged' }, undefined);
    expect(verifyChain(c).broken).toEqual({ seq: 2, problem: expect.stringMatching(/prev_hash/) });
  });

  it('detects a truncated tail against the head the store remembered', () => {
    const c = chain(3);
    expect(verifyChain(c.slice(0, 2), { seq: 3, hash: c[2]!.hash }).ok).toBe(false);
  });
});
