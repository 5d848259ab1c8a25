import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';

const lines = readFileSync(new URL('./fixtures/haproxy.log', import.meta.url), 'utf8').split('\n');
const parser = createParser('haproxy', {});

describe('haproxy', () => {
  it('reads a bare httplog line: client, millisecond accept date, Ta as request time', () => {
    expect(parser.parse(lines[0]!, 'h', 1)).toMatchObject({
      kind: 'event',
      event: {
        ts: Date.UTC(2015, 0, 14, 12, 48, 57, 127),
        ip: '117.136.40.129',
        method: 'GET',
        path: '/xxx/xxx',
        status: 200,
        bytes: 739,
        requestTime: 0.173,
      },
    });
  });

  it('reads lines behind a syslog prefix, with or without a <PRI>', () => {
    expect(parser.parse(lines[1]!, 'h', 2)).toMatchObject({ kind: 'event', event: { ip: '192.168.1.1', status: 404 } });
    expect(parser.parse(lines[2]!, 'h', 3)).toMatchObject({
      kind: 'event',
      event: { ip: '10.0.1.2', host: '1wt.eu', query: 'lang=fr', ts: Date.UTC(2009, 1, 6, 12, 14, 14, 655) },
    });
  });

  it('reads captured headers by the configured names', () => {
    const p = createParser('haproxy', { captureRequestHeaders: ['host', 'user-agent'] });
    expect(p.parse(lines[2]!, 'h', 3)).toMatchObject({ kind: 'event', event: { userAgent: 'Mozilla/5.0' } });
  });

  it('keeps <BADREQ> lines from IPv6 clients as events without a method', () => {
    expect(parser.parse(lines[3]!, 'h', 4)).toMatchObject({
      kind: 'event',
      event: { ip: '2001:db8::3', status: 400, method: '', path: '' },
    });
  });

  it("skips HAProxy's own connection messages and rejects foreign lines", () => {
    expect(parser.parse(lines[4]!, 'h', 5).kind).toBe('skip');
    expect(parser.parse('hello [world] foo', 'h', 1)).toMatchObject({ reason: 'format_mismatch' });
  });
});
