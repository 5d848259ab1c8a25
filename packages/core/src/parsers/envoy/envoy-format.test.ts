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
