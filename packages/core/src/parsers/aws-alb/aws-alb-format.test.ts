import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';

const lines = readFileSync(new URL('./fixtures/alb.log', import.meta.url), 'utf8').split('\n');
const parser = createParser('aws_alb', {});

describe('aws_alb', () => {
  it('reads client:port, the absolute request URI, processing times and sent bytes', () => {
    expect(parser.parse(lines[1]!, 'alb', 2)).toMatchObject({
      kind: 'event',
      event: {
        ts: Date.UTC(2023, 3, 26, 12, 23, 0, 186),
        ip: '203.0.113.11',
        host: 'api.example.com',
        path: '/v1/items',
        query: 'api_key=alb-k&page=2',
        apiKey: 'alb-k',
        status: 200,
        bytes: 57,
        userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      },
    });
    const e = parser.parse(lines[1]!, 'alb', 2);
    expect(e.kind === 'event' && e.event.requestTime).toBeCloseTo(0.171, 6);
  });

  it('reads bracketed IPv6 clients and leaves request time unknown when ALB logs -1', () => {
    expect(parser.parse(lines[2]!, 'alb', 3)).toMatchObject({
      kind: 'event',
      event: { ip: '2001:db8::7', status: 460, requestTime: undefined, method: 'POST', userAgent: '' },
    });
  });

  it('keeps requests ALB could not parse as events without a method', () => {
    expect(parser.parse(lines[3]!, 'alb', 4)).toMatchObject({
      kind: 'event',
      event: { ip: '198.51.100.1', status: 400, method: '', path: '' },
    });
  });

  it('reports truncated and foreign lines', () => {
    expect(parser.parse(lines[0]!.slice(0, 120), 'alb', 1)).toMatchObject({ reason: 'truncated' });
    expect(parser.parse('192.0.2.1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1', 'alb', 1)).toMatchObject({
      reason: 'format_mismatch',
    });
  });
});
