import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';

const lines = readFileSync(new URL('./fixtures/access.jsonl', import.meta.url), 'utf8').split('\n');

describe('caddy', () => {
  const parser = createParser('caddy', {});

  it('reads client_ip, float-second ts and duration, host without port, headers as arrays', () => {
    const r = parser.parse(lines[0]!, 'c', 1);
    expect(r).toMatchObject({
      kind: 'event',
      event: {
        ts: 1_693_840_791_756,
        ip: '198.51.100.77',
        host: 'shop.example.com',
        path: '/products',
        query: 'id=42',
        protocol: 'HTTP/2.0',
        bytes: 5120,
        requestTime: 0.012,
        referer: 'https://shop.example.com/',
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)',
        apiKey: 'ck_123',
      },
    });
  });

  it('falls back to remote_ip on older Caddy and keeps status 0 (no handler wrote a response)', () => {
    expect(parser.parse(lines[1]!, 'c', 2)).toMatchObject({
      kind: 'event',
      event: { ip: '2001:db8::5', status: 0, method: 'POST', user: undefined },
    });
  });
});
