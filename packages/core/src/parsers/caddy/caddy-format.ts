/**
 * Caddy v2 structured access log (`logger: http.log.access`): the client is `request.client_ip` (Caddy ≥
 * 2.7, already resolved through Caddy's own trusted_proxies) or `request.remote_ip`; `ts` and `duration`
 * are float seconds by default; headers are arrays of strings in canonical case. Caddy logs status 0
 * when no handler wrote a response; it is kept as 0.
 */
import { jsonPreset } from '../json/json-formats.js';

export const caddyParser = jsonPreset('caddy', 'Caddy v2 JSON access log (http.log.access)', {
  ts: 'ts',
  ip: 'request.client_ip|request.remote_ip|request.remote_addr',
  method: 'request.method',
  host: 'request.host',
  uri: 'request.uri',
  protocol: 'request.proto',
  status: 'status',
  bytes: 'size',
  requestTime: 'duration',
  referer: 'request.headers.Referer',
  userAgent: 'request.headers.User-Agent',
  user: 'user_id',
  headers: 'request.headers',
});
