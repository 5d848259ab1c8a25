import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../../event/request-event.js';
import type { ParseResult } from '../parser.js';
import { createParser } from '../registry.js';

function event(r: ParseResult): RequestEvent {
  if (r.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return r.event;
}

const lines = readFileSync(new URL('./fixtures/http_requests.jsonl', import.meta.url), 'utf8').split('\n');
const parser = createParser('cloudflare', {});
const events = lines.filter(Boolean).map((l, i) => event(parser.parse(l, 'cf', i + 1)));

describe('cloudflare', () => {
  it('reads RFC 3339 timestamps, host, path and query, bytes, country and ASN', () => {
    expect(events[0]).toMatchObject({
      ts: Date.UTC(2023, 9, 10, 13, 55, 36, 100),
      ip: '203.0.113.50',
      host: 'api.example.com',
      path: '/v1/users',
      query: 'page=3&api_key=q-key',
      status: 200,
      bytes: 1450,
      protocol: 'HTTP/2',
      country: 'US',
      asn: 16509,
    });
    expect(events[0]!.requestTime).toBeCloseTo(0.15, 6);
  });

  it('prefers the RequestHeaders API key over the query parameter', () => {
    expect(events[0]!.apiKey).toBe('live_abc');
  });

  it('reads unix-seconds and unix-nanosecond timestamps to the same clock', () => {
    expect(events[1]!.ts).toBe(1_696_946_136_000);
    expect(events[2]!.ts).toBe(1_696_946_136_800);
    expect(events[2]!.requestTime).toBeCloseTo(0.1, 3);
  });

  it('normalizes IPv6 clients and stores a Bearer token only as a short hash', () => {
    expect(events[1]!.ip).toBe('2001:db8:85a3::8a2e:370:7334');
    expect(events[2]!.apiKey).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(events[2]!.raw).not.toContain(events[2]!.apiKey!);
  });

  it('reports broken JSON, truncated lines and missing fields by reason', () => {
    expect(parser.parse('{"ClientIP":"1.2.3.4",', 'cf', 1)).toMatchObject({ reason: 'truncated' });
    expect(parser.parse('{"ClientIP":1.2.3.4}', 'cf', 1)).toMatchObject({ reason: 'bad_json' });
    expect(parser.parse('{"ClientIP":"1.2.3.4"}', 'cf', 1)).toMatchObject({ reason: 'missing_field' });
    expect(parser.parse('[1,2]', 'cf', 1)).toMatchObject({ reason: 'format_mismatch' });
    const badTs = lines[0]!.replace('2023-10-10T13:55:36.100Z', '2023-02-30T13:55:36Z');
    expect(parser.parse(badTs, 'cf', 1)).toMatchObject({ reason: 'bad_timestamp' });
  });
});
