import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';
import { Field } from '../shared/field-template.js';
import { compileNginxLogFormat } from './nginx-log-format.js';

const JSON_DIRECTIVE = `log_format api_json escape=json
  '{"ts":"$time_iso8601","msec":$msec,"client":"$remote_addr","xff":"$http_x_forwarded_for",'
  '"method":"$request_method","uri":"$request_uri","status":$status,"bytes":$bytes_sent,'
  '"rt":$request_time,"upstream":"$upstream_addr","host":"$host","ua":"$http_user_agent",'
  '"key":"$http_x_api_key","auth":"$http_authorization"}';`;

describe('compileNginxLogFormat', () => {
  it('reads the name, escape mode and concatenated quoted pieces of a directive', () => {
    const c = compileNginxLogFormat(JSON_DIRECTIVE);
    expect(c.name).toBe('api_json');
    expect(c.escape).toBe('json');
    expect(c.template.prefix).toBe('{"ts":"');
    expect(c.template.fields.map((f) => f.source)).toContain('$upstream_addr');
  });

  it('maps $http_* headers to key-header fields and unknown variables to skipped ones', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: nginx's own ${var} syntax, not a JS template
    const c = compileNginxLogFormat('$remote_addr $http_x_api_key $ssl_cipher ${request_time}s');
    expect(c.template.fields.map((f) => [f.kind, f.header])).toEqual([
      [Field.CLIENT, ''],
      [Field.KEY_HEADER, 'x-api-key'],
      [Field.SKIP, ''],
      [Field.REQ_TIME_S, ''],
    ]);
    expect(c.template.terms).toEqual([' ', ' ', ' ', 's']);
  });
});

describe('nginx with an escape=json log_format', () => {
  const parser = createParser('nginx', { logFormat: JSON_DIRECTIVE }, { trustedProxies: ['10.0.0.0/8'] });
  const line =
    '{"ts":"2024-05-01T10:00:00+00:00","msec":1714557600.123,"client":"10.0.0.9","xff":"203.0.113.4, 10.0.0.3","method":"GET","uri":"/v1/orders?cursor=abc","status":200,"bytes":1200,"rt":0.045,"upstream":"10.1.0.2:8080","host":"API.Example.com","ua":"Mozilla/5.0 \\"q\\" \\u00e9","key":"","auth":"Bearer sk_live_1"}';

  it('reads every mapped variable, preferring $msec for the time and $bytes_sent for size', () => {
    expect(parser.parse(line, 'n', 1)).toMatchObject({
      kind: 'event',
      event: {
        ts: 1_714_557_600_123,
        ip: '203.0.113.4',
        method: 'GET',
        path: '/v1/orders',
        query: 'cursor=abc',
        status: 200,
        bytes: 1200,
        requestTime: 0.045,
        host: 'api.example.com',
        userAgent: 'Mozilla/5.0 "q" é',
      },
    });
  });

  it('falls back to the Authorization header (hashed) when X-Api-Key is empty', () => {
    const r = parser.parse(line, 'n', 1);
    expect(r.kind === 'event' && r.event.apiKey).toMatch(/^sha256:[0-9a-f]{12}$/);
  });
});

describe('nginx with a custom text log_format', () => {
  it('reads $host first, $upstream_* skipped, and "-" upstream values', () => {
    const parser = createParser('nginx', {
      logFormat:
        'log_format vhost \'$host $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time uct="$upstream_connect_time"\';',
    });
    const r = parser.parse(
      'www.example.net 192.0.2.77 - - [08/Jun/2020:08:04:43 +0000] "GET /solr/admin HTTP/1.1" 500 803 "-" "curl/7.68.0" rt=0.002 uct="-"',
      'n',
      1,
    );
    expect(r).toMatchObject({
      kind: 'event',
      event: { host: 'www.example.net', ip: '192.0.2.77', path: '/solr/admin', status: 500, requestTime: 0.002 },
    });
  });

  it('keeps \\xHH escapes of escape=none values as logged', () => {
    const parser = createParser('nginx', {
      logFormat: 'log_format raw escape=none \'$remote_addr [$time_local] "$request" $status "$http_user_agent"\';',
    });
    const r = parser.parse('192.0.2.1 [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 "a\\x22b"', 'n', 1);
    expect(r).toMatchObject({ kind: 'event', event: { userAgent: 'a\\x22b' } });
  });
});

describe('API-key headers by configuration', () => {
  it('reads the configured header whether the config spells it with _ or -, in order of preference', () => {
    const parser = createParser(
      'nginx',
      { logFormat: '$remote_addr [$time_local] "$request" $status "$http_x_client_token" "$http_x_api_key"' },
      { apiKeyHeaders: ['X_Client_Token', 'x-api-key'] },
    );
    const line = '192.0.2.1 [10/Oct/2023:13:55:36 +0000] "GET /?api_key=q HTTP/1.1" 200 "ct-1" "ak-2"';
    expect(parser.parse(line, 'n', 1)).toMatchObject({ event: { apiKey: 'ct-1' } });
    const noClientToken = line.replace('"ct-1"', '"-"');
    expect(parser.parse(noClientToken, 'n', 1)).toMatchObject({ event: { apiKey: 'ak-2' } });
    const noHeaders = noClientToken.replace('"ak-2"', '"-"');
    expect(parser.parse(noHeaders, 'n', 1)).toMatchObject({ event: { apiKey: 'q' } });
  });
});
