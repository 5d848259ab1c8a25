import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../../event/request-event.js';
import type { ParseResult } from '../parser.js';
import { createParser } from '../registry.js';

function event(r: ParseResult): RequestEvent {
  if (r.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return r.event;
}

const CLF = '116.203.1.1 - frank [05/Mar/2021:09:01:38 +0100] "GET /lists/sip_30d.txt HTTP/1.0" 200 1513';

describe('apache_common', () => {
  it('reads a CLF line with user, offset and size', () => {
    const e = event(createParser('apache_common', {}).parse(CLF, 'a', 3));
    expect(e).toMatchObject({ ip: '116.203.1.1', user: 'frank', path: '/lists/sip_30d.txt', status: 200, bytes: 1513 });
    expect(e.ts).toBe(Date.UTC(2021, 2, 5, 8, 1, 38));
    expect(e.userAgent).toBe('');
  });

  it('reads a "-" size as 0 bytes', () => {
    const e = event(createParser('apache_common', {}).parse(CLF.replace(/1513$/, '-'), 'a', 1));
    expect(e.bytes).toBe(0);
  });
});

describe('apache_vhost_combined', () => {
  const lines = readFileSync(new URL('./fixtures/vhost_combined.log', import.meta.url), 'utf8').split('\n');
  const parser = createParser('apache_vhost_combined', {});

  it('takes the host from %v and unescapes Apache \\" in the user agent', () => {
    const e = event(parser.parse(lines[0]!, 'v', 1));
    expect(e).toMatchObject({ host: 'www.example.com', ip: '203.0.113.7', bytes: 4523 });
    expect(e.userAgent).toBe('Mozilla/5.0 "quoted" (compatible)');
  });

  it('reads IPv6 clients and odd methods', () => {
    const e = event(parser.parse(lines[1]!, 'v', 2));
    expect(e).toMatchObject({ ip: '2001:db8::2', method: 'DELETE', user: 'bob', status: 204 });
  });
});

describe('apache with a LogFormat string', () => {
  it('reads %D microseconds, %{X-Api-Key}i, %{X-Forwarded-For}i and %{sec}t', () => {
    const parser = createParser(
      'apache',
      { logFormat: 'LogFormat "%a %{sec}t \\"%r\\" %>s %B %D \\"%{X-Api-Key}i\\" \\"%{X-Forwarded-For}i\\"" custom' },
      { trustedProxies: ['10.0.0.0/8'] },
    );
    const e = event(
      parser.parse('10.1.2.3 1700000000 "GET /x?y=1 HTTP/1.1" 200 5 2500 "key-abc" "198.51.100.8"', 'c', 1),
    );
    expect(e).toMatchObject({ ts: 1_700_000_000_000, ip: '198.51.100.8', requestTime: 0.0025, apiKey: 'key-abc' });
    expect([e.path, e.query]).toEqual(['/x', 'y=1']);
  });

  it('reads %m %U%q %H when the request line is not logged', () => {
    const parser = createParser('apache', { logFormat: '%h [%{%Y-%m-%dT%H:%M:%S%z}t] %m %U%q %H %s' });
    const e = event(parser.parse('192.0.2.4 [2023-10-10T13:55:36+0000] POST /a?b=c HTTP/2.0 201', 'c', 1));
    expect(e).toMatchObject({ method: 'POST', path: '/a', query: 'b=c', protocol: 'HTTP/2.0', status: 201 });
  });

  it('rejects adjacent directives that cannot be split with INVALID_CONFIG', () => {
    expect(() => createParser('apache', { logFormat: '%h%u' })).toThrow(/not separated/);
  });
});
