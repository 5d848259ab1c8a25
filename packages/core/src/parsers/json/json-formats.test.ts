import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';

describe('json with a field mapping', () => {
  const parser = createParser('json', {
    fields: {
      ts: 'time',
      ip: 'client.ip',
      method: 'http.method',
      uri: 'http.target',
      status: 'http.status_code',
      bytes: 'http.response_size',
      requestTimeMs: 'latency_ms',
      userAgent: 'http.headers.user-agent',
      headers: 'http.headers',
    },
  });

  it('reads dotted paths, ms latency and a key header from a nested headers object', () => {
    const line =
      '{"time":"2024-05-01T10:00:00.250+02:00","client":{"ip":"192.0.2.44"},"http":{"method":"GET","target":"/a?b=1","status_code":"201","response_size":99,"headers":{"user-agent":"k6/0.49","X-API-Key":"abc"}},"latency_ms":12.5}';
    expect(parser.parse(line, 'j', 1)).toMatchObject({
      kind: 'event',
      event: {
        ts: Date.UTC(2024, 4, 1, 8, 0, 0, 250),
        ip: '192.0.2.44',
        path: '/a',
        query: 'b=1',
        status: 201,
        bytes: 99,
        requestTime: 0.0125,
        userAgent: 'k6/0.49',
        apiKey: 'abc',
      },
    });
  });

  it('rejects mappings that lack required fields or name unknown ones', () => {
    expect(() => createParser('json', { fields: { ts: 't', ip: 'i' } })).toThrow(/lacks status, path/);
    expect(() => createParser('json', { fields: { ts: 't', ip: 'i', status: 's', path: 'p', colour: 'c' } })).toThrow(
      /unknown field/,
    );
  });
});

describe('nginx_json', () => {
  it('reads a typical escape=json layout with string numbers and an escaped quote', () => {
    const line =
      '{"time_iso8601":"2024-05-01T10:00:00+00:00","remote_addr":"203.0.113.5","remote_user":"","request":"GET /p?q=1 HTTP/1.1","status":"200","body_bytes_sent":"15","request_time":"0.004","http_referer":"","http_user_agent":"Mozilla/5.0 \\"x\\"","http_x_forwarded_for":"","host":"Example.com"}';
    expect(createParser('nginx_json', {}).parse(line, 'n', 1)).toMatchObject({
      kind: 'event',
      event: {
        ip: '203.0.113.5',
        method: 'GET',
        path: '/p',
        query: 'q=1',
        status: 200,
        bytes: 15,
        requestTime: 0.004,
        userAgent: 'Mozilla/5.0 "x"',
        host: 'example.com',
        user: undefined,
      },
    });
  });
});

describe('json apiKey mapping', () => {
  it('keeps a raw key as is but hashes a mapped Authorization value', () => {
    const parser = createParser('json', { fields: { ts: 't', ip: 'ip', status: 's', path: 'p', apiKey: 'k' } });
    const line = (k: string) => JSON.stringify({ t: 1_700_000_000, ip: '192.0.2.1', s: 200, p: '/', k });
    expect(parser.parse(line('raw-key'), 'j', 1)).toMatchObject({ event: { apiKey: 'raw-key' } });
    const hashed = parser.parse(line('Bearer abc'), 'j', 1);
    expect(hashed).toMatchObject({ event: { apiKey: expect.stringMatching(/^sha256:[0-9a-f]{12}$/) } });
  });
});
