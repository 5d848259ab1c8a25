import { describe, expect, it } from 'vitest';
import { entry, NOW, RESOLVER } from '../../../../test/e2e/export-fixture.js';
import { EXPORTERS, findExporter } from './registry.js';

const list = [
  entry('ip', '198.51.100.7'),
  entry('ip', '2001:db8::7'),
  entry('cidr', '2001:db8:1:2::/96'),
  entry('ip', '100.64.1.1', 'throttle'),
  entry('asn', 'AS64496'),
  entry('country', 'NL'),
];
const ctx = { now: NOW, resolver: RESOLVER };

describe('exporter registry', () => {
  it('has unique lower_snake_case ids and fails on an unknown id with the known ones', () => {
    const ids = EXPORTERS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_]+$/);
    expect(() => findExporter('pf')).toThrow(/known export formats: json, csv/);
  });
});

describe('format details', () => {
  it('Cloudflare expression keeps ASNs and countries native', () => {
    const r = findExporter('cloudflare_expression').render(list, ctx);
    expect(r.text.trim()).toBe(
      '(ip.src in {198.51.100.7 2001:db8::7 2001:db8:1:2::/96}) or (ip.geoip.asnum in {64496}) or (ip.geoip.country in {"NL"})',
    );
    expect(r.counts.expanded).toEqual([]);
  });

  it('Cloudflare list widens IPv6 longer than /64 and says so', () => {
    const r = findExporter('cloudflare_list_json').render(list, ctx);
    const ips = (JSON.parse(r.text) as { ip: string }[]).map((i) => i.ip);
    expect(ips).toContain('2001:db8::/64');
    expect(ips).toContain('2001:db8:1:2::/64');
    expect(r.notes.join(' ')).toMatch(/2 IPv6 networks longer than \/64/);
  });

  it('AWS WAF writes single addresses as /32 and /128 and one IP version per set', () => {
    const v4 = JSON.parse(findExporter('aws_waf_ipv4').render(list, ctx).text);
    expect(v4.IPAddressVersion).toBe('IPV4');
    expect(v4.Addresses).toEqual(['198.18.0.0/15', '198.51.100.7/32', '203.0.113.0/24']);
    const v6 = JSON.parse(findExporter('aws_waf_ipv6').render(list, ctx).text);
    expect(v6.Addresses).toContain('2001:db8::7/128');
  });

  it('HAProxy and plain export one mode at a time', () => {
    expect(findExporter('haproxy').render(list, { ...ctx, mode: 'throttle' }).text).toContain('\n100.64.1.1\n');
    expect(findExporter('plain').render(list, { ...ctx, mode: 'throttle' }).text).toBe('100.64.1.1\n');
  });

  it('nginx deny counts throttled entries as not enforced, nginx_geo maps them to limit_req', () => {
    expect(findExporter('nginx_deny').render(list, ctx).counts.notEnforced).toBe(1);
    const geo = findExporter('nginx_geo').render(list, ctx).text;
    expect(geo).toMatch(/geo \$rampart_throttled \{\n {4}default 0;\n {4}100\.64\.1\.1 1;/);
    expect(geo).toContain('limit_req_zone $rampart_throttle_key zone=rampart_throttle:10m rate=10r/s;');
  });

  it('JSON carries the schema id and every mode', () => {
    const doc = JSON.parse(findExporter('json').render(list, ctx).text);
    expect(doc.schema).toBe('rampart.bans/v1');
    expect(doc.entries.map((e: { mode: string }) => e.mode)).toContain('throttle');
  });
});

describe('crowdsec payload', () => {
  it('is the startup stream body: ban and throttle decisions, AS native plus expanded ranges, allow respected', () => {
    const allow = [
      {
        id: 'a',
        kind: 'ip' as const,
        value: '198.51.100.7',
        service: undefined,
        reason: 'p',
        createdAt: NOW,
        expiresAt: undefined,
        actor: 'o',
      },
    ];
    const body = JSON.parse(findExporter('crowdsec').render(list, { ...ctx, allow }).text);
    expect(body.deleted).toBeNull();
    const got = body.new.map((d: { type: string; scope: string; value: string }) => `${d.type} ${d.scope} ${d.value}`);
    expect(got).toContain('throttle Ip 100.64.1.1');
    expect(got).toContain('ban AS 64496');
    expect(got).toContain('ban Range 203.0.113.0/24');
    expect(got).toContain('ban Country NL');
    expect(got).not.toContain('ban Ip 198.51.100.7');
  });
});

describe('--mode allow', () => {
  it('lists the allowed networks inside blocked ones for an exemption rule', () => {
    const allow = [
      {
        id: 'a',
        kind: 'ip' as const,
        value: '203.0.113.5',
        service: undefined,
        reason: 'p',
        createdAt: NOW,
        expiresAt: undefined,
        actor: 'o',
      },
      {
        id: 'b',
        kind: 'ip' as const,
        value: '192.0.2.200',
        service: undefined,
        reason: 'p',
        createdAt: NOW,
        expiresAt: undefined,
        actor: 'o',
      },
    ];
    const r = findExporter('haproxy').render(list, { ...ctx, allow, mode: 'allow' });
    expect(r.text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['203.0.113.5']);
    const ban = findExporter('haproxy').render(list, { ...ctx, allow });
    expect(ban.notes.join(' ')).toContain('allowlisted 203.0.113.5 lies inside a blocked network: still blocked');
    expect(findExporter('cloudflare_expression').render(list, { ...ctx, allow, mode: 'allow' }).text).toBe(
      '(ip.src in {203.0.113.5})\n',
    );
  });
});
