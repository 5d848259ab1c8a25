import { describe, expect, it } from 'vitest';
import { addressProblem, checkTarget, checkUrlText } from './url-guard.js';

describe('addressProblem', () => {
  it.each([
    ['127.0.0.53', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['fd12:3456::1', 'private (unique local)'],
    ['100.64.0.1', 'shared address space (CGNAT)'],
    ['::', 'unspecified'],
    ['239.1.1.1', 'multicast or reserved'],
  ])('refuses %s (%s) unless private targets are allowed', (ip, why) => {
    expect(addressProblem(ip, false)).toContain(why);
    expect(addressProblem(ip, true)).toBeUndefined();
  });

  it('refuses metadata addresses even when private targets are allowed', () => {
    expect(addressProblem('169.254.169.254', true)).toBe('169.254.169.254 is a cloud metadata address');
    expect(addressProblem('fd00:ec2:0::254', true)).toBe('fd00:ec2::254 is a cloud metadata address');
  });

  it('accepts public addresses', () => {
    expect(addressProblem('203.0.113.9', false)).toBeUndefined();
    expect(addressProblem('2001:4860:4860::8888', false)).toBeUndefined();
    expect(addressProblem('172.32.0.1', false)).toBeUndefined();
  });
});

describe('checkUrlText and checkTarget', () => {
  it('accepts https hooks and refuses decimal-encoded loopback hosts (the URL parser normalizes them)', () => {
    expect(checkUrlText('https://hooks.slack.com/services/T/B/X', false).ok).toBe(true);
    expect(checkUrlText('http://2130706433/', false)).toEqual({ ok: false, reason: '127.0.0.1 is loopback' });
    expect(checkUrlText('http://0x7f.1/', false)).toEqual({ ok: false, reason: '127.0.0.1 is loopback' });
  });

  it('refuses a name when any resolved address is private, and reports resolver errors as values', async () => {
    const mixed = await checkTarget('https://a.example/', false, async () => ['198.51.100.1', '10.0.0.1']);
    expect(mixed).toEqual({ ok: false, reason: 'a.example resolves to 10.0.0.1 is private' });
    const failing = await checkTarget('https://b.example/', false, async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    });
    expect(failing).toEqual({ ok: false, reason: 'cannot resolve b.example: ENOTFOUND' });
    const ok = await checkTarget('https://c.example/x', false, async () => ['2001:db9::1']);
    expect(ok).toMatchObject({ ok: true, address: '2001:db9::1', family: 6 });
  });
});
