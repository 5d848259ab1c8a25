/**
 * Traefik v2/v3 JSON access log (`accessLog.format: json`). `RequestPath` carries the query; `Duration`
 * is nanoseconds; request headers appear as top-level `request_<Header-Name>` keys only when the
 * operator keeps them (`accessLog.fields.headers`). Traefik's CLF access log is the combined layout with
 * extra fields appended and reads as `nginx_combined`.
 */
import { jsonPreset } from '../json/json-formats.js';

export const traefikParser = jsonPreset(
  'traefik',
  'Traefik JSON access log (ClientHost, RequestMethod, RequestPath, DownstreamStatus, StartUTC, …)',
  {
    ts: 'StartUTC|StartLocal|time',
    ip: 'ClientHost|ClientAddr',
    forwardedFor: 'request_X-Forwarded-For',
    method: 'RequestMethod',
    host: 'RequestHost|RequestAddr',
    uri: 'RequestPath',
    protocol: 'RequestProtocol',
    status: 'DownstreamStatus|OriginStatus',
    bytes: 'DownstreamContentSize',
    requestTimeNs: 'Duration',
    referer: 'request_Referer',
    userAgent: 'request_User-Agent',
    user: 'ClientUsername',
  },
  { headerPrefix: 'request_' },
);
