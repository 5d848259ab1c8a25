/** `detectFormat` must pick the right format from samples of every format, using each format's fixtures. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './registry.js';

const read = (path: string) =>
  readFileSync(new URL(path, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);

const TRAEFIK =
  '{"ClientAddr":"203.0.113.9:39496","ClientHost":"203.0.113.9","DownstreamContentSize":357,"DownstreamStatus":404,"Duration":357313,"RequestHost":"t.example.com","RequestMethod":"GET","RequestPath":"/","RequestProtocol":"HTTP/1.1","StartUTC":"2021-12-08T14:02:43.587782192Z"}';
const ENVOY =
  '{":authority":"www.example.com","bytes_sent":12,"downstream_remote_address":"198.51.100.12:59292","duration":11,"method":"GET","protocol":"HTTP/2","response_code":200,"start_time":"2025-12-31T16:37:40.479Z","x-envoy-origin-path":"/a"}';
const NGINX_JSON =
  '{"time_iso8601":"2024-05-01T10:00:00+00:00","remote_addr":"203.0.113.5","request":"GET /p HTTP/1.1","status":"200","body_bytes_sent":"15","http_user_agent":"x"}';
const COMMON = '116.203.1.1 - frank [05/Mar/2021:09:01:38 +0100] "GET /lists/sip_30d.txt HTTP/1.0" 200 1513';
const MAIN = '10.0.0.5 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" "198.51.100.1"';

const CASES: [string, string[]][] = [
  ['nginx_combined', read('./nginx/fixtures/combined.log').slice(0, 8)],
  ['nginx_main', [MAIN, MAIN.replace('10.0.0.5', '10.0.0.6')]],
  ['nginx_combined', read('./nginx/fixtures/combined.log').map((l) => `<190>Oct 10 13:55:36 web1 nginx: ${l}`)],
  ['apache_common', [COMMON, COMMON.replace('frank', '-')]],
  ['host_combined', [`www.example.com ${MAIN}`, `api.example.com:443 ${COMMON} "-" "curl/8"`]],
  ['apache_vhost_combined', read('./apache/fixtures/vhost_combined.log')],
  ['cloudflare', read('./cloudflare/fixtures/http_requests.jsonl')],
  ['caddy', read('./caddy/fixtures/access.jsonl')],
  ['traefik', [TRAEFIK]],
  ['envoy', [ENVOY]],
  [
    'envoy_text',
    [
      '[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0" "locations" "tcp://10.0.2.1:80"',
    ],
  ],
  ['nginx_json', [NGINX_JSON]],
  ['aws_alb', read('./aws-alb/fixtures/alb.log')],
  ['cloudfront', read('./cloudfront/fixtures/E2EXAMPLE.2019-12-04-21.log')],
  ['haproxy', read('./haproxy/fixtures/haproxy.log')],
];

describe('detectFormat', () => {
  it.each(CASES)('recognises %s from its sample lines with confidence ≥ 0.8', (id, lines) => {
    const guess = detectFormat(lines);
    expect(guess.id).toBe(id);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('reports apache_combined as equivalent to nginx_combined instead of a near tie', () => {
    const guess = detectFormat(read('./nginx/fixtures/combined.log'));
    expect(guess.id).toBe('nginx_combined');
    expect(guess.equivalent).toEqual(['apache_combined']);
    expect(guess.candidates.map((c) => c.id)).not.toContain('apache_combined');
  });

  it('prefers the more specific layout when a line fits several, without calling it a near tie', () => {
    const guess = detectFormat([MAIN]);
    expect(guess.id).toBe('nginx_main');
    expect(guess.candidates.map((c) => c.id)).toEqual(['nginx_main']);
    const vhost = detectFormat(read('./apache/fixtures/vhost_combined.log'));
    expect(vhost.candidates.map((c) => c.id)).toEqual(['apache_vhost_combined']);
  });

  it('leaves only one full-confidence candidate for every single-format sample', () => {
    for (const [id, lines] of CASES) {
      const full = detectFormat(lines).candidates.filter((c) => c.confidence === 1);
      expect(
        full.map((c) => c.id),
        id,
      ).toEqual([id]);
    }
  });

  it('gives low confidence on a mixed sample so the caller asks for --format', () => {
    const guess = detectFormat([COMMON, TRAEFIK, ENVOY, 'garbage', 'more garbage']);
    expect(guess.confidence).toBeLessThan(0.8);
  });
});
