import { type EnrichedEvent, makeRequestEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { eventRowLine, RowWriter } from './row-ndjson.js';
import { EVENT_COLUMNS } from './schema.js';

function event(over: Partial<Parameters<typeof makeRequestEvent>[0]> = {}): EnrichedEvent {
  const req = makeRequestEvent({
    ts: 1_795_000_000_123,
    ip: '2001:db8::1',
    method: 'GET',
    host: 'a.example',
    path: '/p',
    query: '',
    status: 200,
    bytes: 10,
    referer: '',
    userAgent: 'curl/8',
    protocol: 'HTTP/1.1',
    source: 's',
    line: 1,
    raw: '',
    ...over,
  });
  return {
    req,
    client: req.ip,
    subnet: '2001:db8::/64',
    net: {
      ip: req.ip,
      version: 6,
      scope: 'public',
      asn: 64496,
      org: 'Org "X"',
      prefix: undefined,
      country: 'NL',
      networkType: 'hosting',
      sources: {},
    },
    ua: { class: 'library', family: 'curl', major: 8, crawler: undefined },
    crawler: undefined,
    service: 'default',
  } as unknown as EnrichedEvent;
}

describe('eventRowLine', () => {
  it('writes every column as valid JSON, escaping attacker text exactly as JSON.stringify would', () => {
    const nasty = 'a"b\\c\nd\u0001e\u2028f\ud800g';
    const line = eventRowLine(event({ path: nasty, userAgent: nasty, referer: '</script>' }), (p) => p);
    expect(line.endsWith('}\n')).toBe(true);
    const row = JSON.parse(line);
    expect(Object.keys(row)).toEqual([...EVENT_COLUMNS]);
    expect(row.path).toBe(nasty);
    expect(row.user_agent).toBe(nasty);
    expect(row.org).toBe('Org "X"');
    expect(row.ip4).toBeNull();
    expect(BigInt(row.ip6_hi)).toBe(0x20010db800000000n);
    expect(BigInt(row.ip6_lo)).toBe(1n);
    expect(row.request_time).toBeNull();
    expect(row.crawler_verified).toBeNull();
  });

  it('stores IPv4 addresses as a number and keeps numbers that are not finite out of the JSON', () => {
    const row = JSON.parse(eventRowLine(event({ ip: '192.0.2.1', requestTime: Number.NaN }), (p) => `${p}/t`));
    expect(row.ip4).toBe(0xc0000201);
    expect(row.path_template).toBe('/p/t');
    expect(row.request_time).toBeNull();
  });
});

describe('RowWriter', () => {
  it('writes the same bytes as eventRowLine for hostile, non-ASCII and missing values, across buffer growth', () => {
    const nasty = 'a"b\\c\n\u0001\u2028é✓😀\ud800</script>';
    const events = [
      event(),
      event({ ip: '192.0.2.1', path: nasty, userAgent: nasty, referer: '</script>', requestTime: Number.NaN }),
      event({ ip: 'not-an-ip', query: 'q=1&x=é', apiKey: 'k"1', user: 'ü', session: '\u007f' }),
      event({ ip: '::ffff:192.0.2.7', bytes: -1, asn: 64500, country: 'DE' }),
    ];
    const w = new RowWriter();
    const expected: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const e = events[i % events.length]!;
      w.event(e, (p) => `${p}/t`);
      expected.push(eventRowLine(e, (p) => `${p}/t`));
    }
    const bytes = w.take();
    expect(bytes.equals(Buffer.from(expected.join(''), 'utf8'))).toBe(true);
    for (const line of bytes.toString('utf8').trimEnd().split('\n').slice(0, 4))
      expect(() => JSON.parse(line)).not.toThrow();
    w.event(events[0]!, (p) => p);
    expect(w.take().toString('utf8')).toBe(eventRowLine(events[0]!, (p) => p));
    expect(w.take().length).toBe(0);
  });

  it('writes the right bytes from its caches: past their size limit, and per lookup result, not per address', () => {
    const events: EnrichedEvent[] = [];
    for (let i = 0; i < 45_000; i++) {
      const e = event({ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, path: `/a/long/path/${i % 30_000}` });
      events.push(
        i % 3 === 0 ? { ...e, net: { ...e.net, country: `C${i % 7}` }, ua: { ...e.ua, family: `f${i}` } } : e,
      );
    }
    // The same address with another lookup result (a reloaded database): its own network columns.
    const moved = events[5]!;
    events.push({ ...moved, net: { ...moved.net, asn: 64511, org: 'Other' } }, moved);
    const w = new RowWriter();
    let expected = '';
    for (const e of [...events, ...events.slice(0, 2000)]) {
      w.event(e, (p) => p);
      expected += eventRowLine(e, (p) => p);
    }
    expect(w.take().toString('utf8')).toBe(expected);
  });
});
