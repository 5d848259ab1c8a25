import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../../event/request-event.js';
import type { ParseResult } from '../parser.js';
import { createParser } from '../registry.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);

function event(r: ParseResult): RequestEvent {
  if (r.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return r.event;
}

describe('nginx_combined', () => {
  const parser = createParser('nginx_combined', {});
  const lines = fixture('combined.log');
  const events = lines.map((l, i) => parser.parse(l, 'access.log', i + 1));

  it('reads every fixture line, including garbage request lines, as an event', () => {
    expect(events.map((r) => r.kind)).toEqual(lines.map(() => 'event'));
  });

  it('splits a typical line into all fields, keeping path and query apart', () => {
    expect(event(events[0]!)).toEqual({
      ts: Date.UTC(2023, 9, 10, 13, 55, 36),
      ip: '203.0.113.7',
      method: 'GET',
      host: '',
      path: '/api/v1/items',
      query: 'page=2&api_key=k-123',
      status: 200,
      bytes: 2326,
      requestTime: undefined,
      referer: 'https://example.com/start',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Safari/537.36',
      protocol: 'HTTP/1.1',
      apiKey: 'k-123',
      user: undefined,
      session: undefined,
      country: undefined,
      asn: undefined,
      source: 'access.log',
      line: 1,
      raw: lines[0],
    });
  });

  it('normalizes IPv6 and folds IPv4-mapped addresses, applies the UTC offset, keeps the user', () => {
    const e = event(events[1]!);
    expect(e.ip).toBe('2001:db8::1');
    expect(e.ts).toBe(Date.UTC(2023, 9, 10, 13, 55, 37));
    expect(e.user).toBe('alice');
    expect(e.referer).toBe('');
    expect(event(events[2]!).ip).toBe('198.51.100.4');
  });

  it('reads "-" body bytes as 0 and decodes nginx \\xHH escapes in the user agent', () => {
    const e = event(events[2]!);
    expect(e.bytes).toBe(0);
    expect(e.userAgent).toBe('Mozilla/5.0 "quoted" agent');
    expect(e.query).toBe('q=%22x%22');
  });

  it('keeps TLS handshake bytes as an event with no method and the bytes, as logged, as path', () => {
    const e = event(events[3]!);
    expect([e.method, e.protocol, e.status]).toEqual(['', '', 400]);
    expect(e.path).toBe('\\x16\\x03\\x01\\x00\\xF7\\x01\\x00\\x00\\xF3\\x03\\x03');
  });

  it('keeps a "-" request line (nginx 408) as an event with no method or path', () => {
    const e = event(events[4]!);
    expect([e.method, e.path, e.status]).toEqual(['', '', 408]);
  });

  it('takes the host from an absolute-URI request and keeps odd methods and spaces in the target', () => {
    const abs = event(events[5]!);
    expect([abs.host, abs.path, abs.query]).toEqual(['proxy-judge.example.net', '/azenv.php', 'x=1']);
    expect(event(events[6]!).method).toBe('PROPFIND');
    expect(event(events[7]!).path).toBe('/a b c');
  });

  it('tolerates raw quotes in the last field and extra fields appended to the layout', () => {
    expect(event(events[8]!).userAgent).toBe('Mozilla "raw" quotes');
    expect(event(events[9]!).userAgent).toBe('Mozilla/5.0');
    const traefikClf =
      '172.17.0.1 - - [08/Dec/2021:09:16:05 +0000] "GET /x HTTP/1.1" 200 414 "-" "-" 500 "test@docker" "http://172.17.0.3:80" 0ms';
    expect(event(parser.parse(traefikClf, 't', 1)).userAgent).toBe('');
  });

  it('rejects impossible dates and hours with bad_timestamp', () => {
    const feb = '192.0.2.1 - - [31/Feb/2023:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"';
    const h25 = '192.0.2.1 - - [10/Oct/2023:25:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"';
    expect(parser.parse(feb, 's', 1)).toMatchObject({ kind: 'error', reason: 'bad_timestamp' });
    expect(parser.parse(h25, 's', 1)).toMatchObject({ kind: 'error', reason: 'bad_timestamp' });
  });

  it('reports bad addresses, bad statuses, truncated and foreign lines by reason', () => {
    const cases: [string, string][] = [
      ['999.1.1.1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-"', 'bad_address'],
      ['192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 2x0 1 "-" "-"', 'bad_status'],
      ['192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozil', 'truncated'],
      ['192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] "GET /very/long', 'truncated'],
      ['{"ClientIP":"192.0.2.1"}', 'format_mismatch'],
    ];
    for (const [line, reason] of cases) expect(parser.parse(line, 's', 1)).toMatchObject({ kind: 'error', reason });
  });

  it('skips blank lines', () => {
    expect(parser.parse('', 's', 1).kind).toBe('skip');
  });
});

describe('nginx_main', () => {
  it('uses X-Forwarded-For only when the socket address is a trusted proxy', () => {
    const line =
      '10.0.0.5 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" "198.51.100.1, 203.0.113.9, 10.0.0.4"';
    expect(event(createParser('nginx_main', {}).parse(line, 's', 1)).ip).toBe('10.0.0.5');
    const trusting = createParser('nginx_main', {}, { trustedProxies: ['10.0.0.0/8'] });
    expect(event(trusting.parse(line, 's', 1)).ip).toBe('203.0.113.9');
  });

  it('does not read plain combined lines (they lack the forwarded-for field)', () => {
    const line = '10.0.0.5 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "ua"';
    expect(createParser('nginx_main', {}).parse(line, 's', 1).kind).toBe('error');
  });
});

describe('host_combined', () => {
  it('reads the virtual host (port dropped) before the combined fields', () => {
    const line =
      'www.crowdsec11.net:80 192.168.1.1 - - [08/Jun/2020:08:04:43 +0000] "GET /a.JPG HTTP/1.1" 301 0 "-" "Mozilla/5.0"';
    expect(createParser('host_combined', {}).parse(line, 'h', 1)).toMatchObject({
      kind: 'event',
      event: { host: 'www.crowdsec11.net', ip: '192.168.1.1', status: 301, path: '/a.JPG' },
    });
  });

  it('does not read plain combined lines', () => {
    const line = '192.168.1.1 - - [08/Jun/2020:08:04:43 +0000] "GET /a HTTP/1.1" 301 0 "-" "Mozilla/5.0"';
    expect(createParser('host_combined', {}).parse(line, 'h', 1).kind).toBe('error');
  });
});
