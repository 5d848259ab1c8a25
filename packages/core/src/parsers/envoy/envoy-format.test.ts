import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';

const GATEWAY =
  '{":authority":"www.example.com","bytes_received":0,"bytes_sent":121258,"downstream_local_address":"10.42.0.77:10443","downstream_remote_address":"198.51.100.12:59292","duration":11,"method":"GET","protocol":"HTTP/2","response_code":200,"response_flags":"-","start_time":"2025-12-31T16:37:40.479Z","upstream_host":"10.42.0.82:8080","user-agent":"Mozilla/5.0","x-envoy-origin-path":"/assets/image.webp?v=2","x-forwarded-for":"10.0.0.12","x-request-id":"3bbc0252"}';
const ISTIO =
  '{"authority":"api.example.com","bytes_sent":12,"downstream_remote_address":"[2001:db8::9]:40000","duration":250,"method":"DELETE","path":"/v1/items/7","protocol":"HTTP/1.1","response_code":204,"start_time":"2025-12-31T16:37:41.000Z","user_agent":"Go-http-client/1.1","x_forwarded_for":"198.51.100.3"}';

describe('envoy', () => {
  it('reads Envoy Gateway JSON: :authority, x-envoy-origin-path, duration in ms, address with port', () => {
    expect(createParser('envoy', {}).parse(GATEWAY, 'e', 1)).toMatchObject({
      kind: 'event',
      event: {
        ts: Date.UTC(2025, 11, 31, 16, 37, 40, 479),
        ip: '198.51.100.12',
        host: 'www.example.com',
        path: '/assets/image.webp',
        query: 'v=2',
        requestTime: 0.011,
        bytes: 121258,
      },
    });
  });

  it('reads Istio snake_case keys and a bracketed IPv6 peer with port', () => {
    expect(createParser('envoy', {}).parse(ISTIO, 'e', 1)).toMatchObject({
      kind: 'event',
      event: { ip: '2001:db8::9', method: 'DELETE', path: '/v1/items/7', status: 204, host: 'api.example.com' },
    });
  });

  it('takes the forwarded-for client only when the peer is a trusted proxy', () => {
    const p = createParser('envoy', {}, { trustedProxies: ['198.51.100.12/32', '10.0.0.0/8'] });
    expect(p.parse(GATEWAY, 'e', 1)).toMatchObject({ kind: 'event', event: { ip: '10.0.0.12' } });
  });
});

describe('envoy_text', () => {
  const parser = createParser('envoy_text', {});

  it("reads Envoy's default text format, taking the client from X-Forwarded-For", () => {
    const line =
      '[2016-04-15T20:17:00.310Z] "POST /api/v1/locations?x=1 HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80"';
    expect(parser.parse(line, 'e', 1)).toMatchObject({
      kind: 'event',
      event: {
        ts: Date.UTC(2016, 3, 15, 20, 17, 0, 310),
        ip: '10.0.35.28',
        method: 'POST',
        path: '/api/v1/locations',
        query: 'x=1',
        protocol: 'HTTP/2',
        status: 204,
        bytes: 0,
        requestTime: 0.226,
        userAgent: 'nsq2http',
        host: 'locations',
      },
    });
  });

  it('uses the right-most forwarded-for entry: the left part is whatever the client claimed', () => {
    const line =
      '[2026-01-24T01:37:00.000Z] "GET /api/proxy HTTP/1.1" 200 - 0 512 30 15 "192.168.1.100, 10.42.0.1" "Mozilla/5.0" "id" "proxy.example.com" "tcp://10.42.0.82:8080"';
    expect(parser.parse(line, 'e', 1)).toMatchObject({ kind: 'event', event: { ip: '10.42.0.1' } });
    const trusting = createParser('envoy_text', {}, { trustedProxies: ['10.0.0.0/8'] });
    expect(trusting.parse(line, 'e', 1)).toMatchObject({ kind: 'event', event: { ip: '192.168.1.100' } });
  });
});
