/**
 * Cloudflare Logpush `http_requests` dataset (one JSON object a line). `EdgeStartTimestamp` may be RFC
 * 3339, unix seconds or unix nanoseconds depending on the job's `timestamp_format`; all three are read.
 * `ClientIP` is the visitor as Cloudflare saw it, so no forwarded-for rule applies. `RequestHeaders`
 * (only with a custom-fields rule) is searched for the API-key headers. Country codes are upper-cased.
 */
import { jsonPreset } from '../json/json-formats.js';

export const cloudflareParser = jsonPreset(
  'cloudflare',
  'Cloudflare Logpush http_requests JSON (ClientIP, ClientRequestURI, EdgeStartTimestamp, ClientASN, …)',
  {
    ts: 'EdgeStartTimestamp',
    tsEnd: 'EdgeEndTimestamp',
    ip: 'ClientIP',
    method: 'ClientRequestMethod',
    host: 'ClientRequestHost',
    uri: 'ClientRequestURI|ClientRequestPath',
    protocol: 'ClientRequestProtocol',
    status: 'EdgeResponseStatus',
    bytes: 'EdgeResponseBytes',
    referer: 'ClientRequestReferer',
    userAgent: 'ClientRequestUserAgent',
    country: 'ClientCountry',
    asn: 'ClientASN',
    headers: 'RequestHeaders',
  },
  { upperCaseCountry: true },
);
