/**
 * Envoy JSON access logs (`json_format`), as Envoy Gateway and Istio configure them: `start_time`,
 * `method`, the path in `x-envoy-origin-path` / `path`, `:authority`, `response_code`, `bytes_sent`,
 * `duration` in ms, `downstream_remote_address` (with port) and `x-forwarded-for`. Both the dashed
 * header-style keys and Istio's snake_case keys are tried.
 */
import { jsonPreset } from '../json/json-formats.js';

export const envoyParser = jsonPreset(
  'envoy',
  'Envoy / Envoy Gateway / Istio JSON access log (start_time, method, path, response_code, …)',
  {
    ts: 'start_time',
    ip: 'downstream_remote_address|downstream_direct_remote_address',
    forwardedFor: 'x-forwarded-for|x_forwarded_for',
    method: 'method',
    host: ':authority|authority',
    uri: 'x-envoy-origin-path|x_envoy_original_path|path',
    protocol: 'protocol',
    status: 'response_code',
    bytes: 'bytes_sent',
    requestTimeMs: 'duration',
    referer: 'referer',
    userAgent: 'user-agent|user_agent',
    apiKey: 'x-api-key|x_api_key',
  },
);
