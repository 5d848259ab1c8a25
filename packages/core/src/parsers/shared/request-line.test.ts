import { describe, expect, it } from 'vitest';
import { hostOfAuthority, newRequestParts, splitRequestLine } from './request-line.js';

const split = (line: string) => {
  const p = newRequestParts();
  const ok = splitRequestLine(line, p);
  return { ok, ...p };
};

describe('splitRequestLine', () => {
  it('splits method, path, query and protocol', () => {
    expect(split('GET /a/b?c=1&d=2 HTTP/1.1')).toEqual({
      ok: true,
      method: 'GET',
      host: '',
      path: '/a/b',
      query: 'c=1&d=2',
      protocol: 'HTTP/1.1',
    });
  });

  it('reads HTTP/0.9 lines without a protocol and targets with spaces', () => {
    expect(split('GET /')).toMatchObject({ ok: true, path: '/', protocol: '' });
    expect(split('GET /a b HTTP/1.0')).toMatchObject({ path: '/a b', protocol: 'HTTP/1.0' });
  });

  it('takes host (no userinfo, no port) from absolute-form targets, any case', () => {
    expect(split('GET HTTPS://user@Example.COM:8443?x=1 HTTP/1.1')).toMatchObject({
      host: 'example.com',
      path: '/',
      query: 'x=1',
    });
    expect(split('GET http://[2001:DB8::1]:80/p HTTP/1.1')).toMatchObject({ host: '[2001:db8::1]', path: '/p' });
  });

  it('keeps authority-form and asterisk-form targets as the path', () => {
    expect(split('CONNECT example.com:443 HTTP/1.1')).toMatchObject({ method: 'CONNECT', path: 'example.com:443' });
    expect(split('OPTIONS * HTTP/1.1')).toMatchObject({ path: '*' });
  });

  it('keeps non-request text as the path with no method, but not the "-" placeholders', () => {
    expect(split('\\x16\\x03\\x01')).toMatchObject({ ok: false, method: '', path: '\\x16\\x03\\x01' });
    expect(split('-')).toMatchObject({ ok: false, path: '' });
    expect(split('- http://lb:80- -')).toMatchObject({ ok: false, path: '' });
    expect(split('G"ET / HTTP/1.1')).toMatchObject({ ok: false, method: '' });
  });
});

describe('hostOfAuthority', () => {
  it('drops userinfo and port and lower-cases', () => {
    expect(hostOfAuthority('a:b@Host.Example:80')).toBe('host.example');
    expect(hostOfAuthority('[::1]:443')).toBe('[::1]');
  });
});
