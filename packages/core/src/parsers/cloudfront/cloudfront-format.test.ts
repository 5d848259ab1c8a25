import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';

const lines = readFileSync(new URL('./fixtures/E2EXAMPLE.2019-12-04-21.log', import.meta.url), 'utf8').split('\n');

describe('cloudfront', () => {
  it('skips the #Version and #Fields header lines', () => {
    const p = createParser('cloudfront', {});
    expect(p.parse(lines[0]!, 'cf', 1).kind).toBe('skip');
    expect(p.parse(lines[1]!, 'cf', 2).kind).toBe('skip');
  });

  it('reads the columns #Fields names, decoding the URL-encoded user agent', () => {
    const p = createParser('cloudfront', {});
    const results = lines.filter(Boolean).map((l, i) => p.parse(l, 'cf', i + 1));
    expect(results[2]).toMatchObject({
      kind: 'event',
      event: {
        ts: Date.UTC(2019, 11, 4, 21, 2, 31),
        ip: '192.0.2.100',
        host: 'd111111abcdef8.cloudfront.net',
        path: '/index.html',
        status: 200,
        bytes: 392,
        protocol: 'HTTP/2.0',
        requestTime: 0.001,
        userAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36',
      },
    });
    expect(results[3]).toMatchObject({
      kind: 'event',
      event: {
        ip: '2001:db8::10',
        host: 'www.example.com',
        status: 0,
        query: 'q=caf%C3%A9&apikey=cf-1',
        apiKey: 'cf-1',
      },
    });
  });

  it('follows a #Fields line that reorders or drops columns', () => {
    const p = createParser('cloudfront', {});
    expect(p.parse('#Fields: c-ip date time sc-status cs-method cs-uri-stem', 'cf', 1).kind).toBe('skip');
    expect(p.parse('192.0.2.5\t2020-01-01\t00:00:01\t404\tGET\t/x', 'cf', 2)).toMatchObject({
      kind: 'event',
      event: { ip: '192.0.2.5', status: 404, path: '/x', bytes: -1 },
    });
  });
});
