import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Finding, FindingEnrichment, Recommendation } from '../detect/finding.js';
import { buildReport } from './report-build.js';

const T = '2026-01-10T11:00:00.000Z';

function finding(
  id: string,
  ip: string,
  over: Partial<Finding> & { enr?: Partial<FindingEnrichment>; rec?: Partial<Recommendation> } = {},
): Finding {
  const { enr, rec, ...rest } = over;
  return {
    id,
    detector: 'credential_stuffing',
    service: 'api',
    entity: { kind: 'ip', value: ip },
    category: 'credential_stuffing',
    score: 0.9,
    confidence: 0.9,
    summary: '',
    signals: [],
    recommendation: {
      action: 'throttle',
      scope: 'ip',
      target: ip,
      ttlSeconds: 21600,
      reason: 'residential',
      abuseReport: true,
      ...rec,
    },
    enrichment: {
      asn: 7922,
      org: 'Comcast Cable',
      country: 'US',
      networkType: 'residential',
      prefix: undefined,
      abuseContact: 'abuse@comcast.example',
      crawler: undefined,
      ...enr,
    },
    first_seen: T,
    last_seen: '2026-01-10T11:30:00.000Z',
    requests: 120,
    evidence: [
      { source: 'access.log', line: 1, text: `${ip} - - [10/Jan/2026:11:00:00 +0000] "POST /login HTTP/1.1" 401 12` },
    ],
    ips: undefined,
    ...rest,
  };
}

const opts = {
  service: 'api',
  from: T,
  to: '2026-01-10T12:00:00.000Z',
  now: Date.parse(T),
  reporter: 'abuse-desk@example.org',
};

describe('buildReport', () => {
  it('makes one item per finding of the service, each tied to its finding', () => {
    const r = buildReport([finding('f1', '198.51.100.7'), finding('f2', '198.51.100.8', { service: 'web' })], opts);
    expect(r.items.map((i) => [i.id, i.findingIds])).toEqual([['f1', ['f1']]]);
    expect(r.summary).toMatch(/1 finding\(s\) for api.*1 throttle; 1 abuse-report draft/);
  });

  it('drafts one abuse report per residential network with what, when (UTC), how much, evidence and contact', () => {
    const r = buildReport(
      [
        finding('f1', '198.51.100.7'),
        finding('f2', '198.51.100.8', { requests: 80 }),
        finding('f3', '203.0.113.5', { enr: { asn: 3320, org: 'Deutsche Telekom', abuseContact: undefined } }),
        finding('f4', '192.0.2.9', { rec: { abuseReport: false } }),
      ],
      opts,
    );
    expect(r.abuseDrafts.map((d) => [d.network, d.contact, d.ips.length, d.requests])).toEqual([
      ['AS7922', 'abuse@comcast.example', 2, 200],
      ['AS3320', undefined, 1, 120],
    ]);
    const text = r.abuseDrafts[0]!.text;
    expect(text).toMatch(/^To: abuse@comcast\.example/);
    expect(text).toContain('When (UTC):    2026-01-10 11:00:00 UTC to 2026-01-10 11:30:00 UTC');
    expect(text).toContain('How much:      200 requests from 2 address(es)');
    expect(text).toContain('"POST /login HTTP/1.1" 401');
    expect(r.abuseDrafts[1]!.text).toMatch(/^To: unknown: look up the abuse contact of AS3320/);
  });

  it('renders X-ARF 0.2: X-ARF header, report.txt YAML with the required fields, evidence attachment', () => {
    const r = buildReport([finding('f1', '198.51.100.7')], opts);
    const msg = r.abuseDrafts[0]!.xarf[0]!.message;
    expect(msg).toMatch(/^From: abuse-desk@example\.org\r\nTo: abuse@comcast\.example\r\n/);
    expect(msg).toContain('\r\nX-ARF: YES\r\n');
    const boundary = /boundary="([^"]+)"/.exec(msg)![1]!;
    const parts = msg.split(`--${boundary}`);
    expect(parts).toHaveLength(5);
    const reportPart = parts[2]!;
    expect(reportPart).toContain('name="report.txt"');
    const yaml = parseYaml(reportPart.split('\r\n\r\n')[1]!.replaceAll('\r\n', '\n')) as Record<string, unknown>;
    expect(yaml).toMatchObject({
      'Reported-From': 'abuse-desk@example.org',
      Category: 'abuse',
      'Report-Type': 'login-attack',
      Source: '198.51.100.7',
      'Source-Type': 'ip-address',
      Date: '2026-01-10T11:00:00.000Z',
      Version: '0.2',
      Attachment: 'text/plain',
    });
    expect(parts[3]).toContain('name="logfile.log"');
    expect(parts[3]).toContain('POST /login');
  });

  it('keeps attacker text from forging headers or MIME parts', () => {
    const evil = 'x\r\nBcc: victim@example.com\r\n--xarf-';
    const r = buildReport(
      [
        finding('f1', '198.51.100.7', {
          evidence: [{ source: 'a', line: 1, text: evil }],
          enr: { org: `Evil\nX-Injected: 1` },
        }),
      ],
      opts,
    );
    const msg = r.abuseDrafts[0]!.xarf[0]!.message;
    expect(msg).not.toMatch(/\r\nBcc:/);
    expect(msg).not.toMatch(/\nX-Injected/);
    expect(msg).toContain('\\x0d\\x0aBcc');
  });

  it('adds widening proposals when traffic counts are given', () => {
    const hosting = [1, 2, 3].map((i) =>
      finding(`h${i}`, `203.0.113.${i}`, {
        enr: { networkType: 'hosting' },
        rec: { action: 'ban', abuseReport: false },
      }),
    );
    const r = buildReport(hosting, {
      ...opts,
      traffic: { prefix: () => ({ addresses: 3, requests: 360 }), asn: () => undefined },
    });
    expect(r.items.map((i) => i.id)).toEqual(['h1', 'h2', 'h3', 'widen:cidr:203.0.113.0/24']);
    expect(r.items[3]?.coverage).toEqual({
      flaggedAddresses: 3,
      unflaggedAddresses: 0,
      flaggedRequests: 360,
      unflaggedRequests: 0,
    });
  });
});
