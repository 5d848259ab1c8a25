/**
 * Abuse-report drafts for the networks whose findings ask for one (`recommendation.abuseReport`, i.e.
 * residential and other owned networks): one draft per network (ASN, else abuse contact) saying what
 * happened, when (UTC), how much, with evidence lines and the contact from enrichment — as plain text
 * and as X-ARF v0.2 messages. Drafts are stored with their report; sending comes with the alerts issue.
 */
import type { Category, Finding } from '../detect/finding.js';
import type { AbuseDraft } from './report.js';
import { escapeControls, renderXarf } from './xarf.js';

export interface AbuseDraftOptions {
  /** Address the reports come from (Reported-From). */
  readonly reporter: string;
  readonly service: string;
  /** Report id the drafts belong to, used in X-ARF Report-IDs. */
  readonly reportKey: string;
  /** Epoch ms. */
  readonly now: number;
  /** Caps so one draft stays readable. */
  readonly maxAddresses?: number;
  readonly maxEvidence?: number;
}

const CATEGORY_WORDS: Readonly<Record<Category, string>> = {
  scanning: 'scanning for vulnerable paths',
  brute_force: 'password brute-forcing',
  credential_stuffing: 'credential stuffing (logins with many stolen username/password pairs)',
  scraping: 'bulk scraping',
  enumeration: 'enumeration of sequential identifiers',
  data_exfiltration: 'bulk data download',
  persistent_bot: 'round-the-clock automated requests',
  flood: 'request flooding',
  crawler_impersonation: 'a bot posing as a search-engine crawler',
  api_key_abuse: 'API key abuse',
  bad_automation: 'automated requests',
};

interface Network {
  key: string;
  asn: number | undefined;
  org: string | undefined;
  contact: string | undefined;
  findings: Finding[];
}

export function abuseDrafts(findings: readonly Finding[], o: AbuseDraftOptions): AbuseDraft[] {
  const networks = new Map<string, Network>();
  for (const f of findings) {
    if (!f.recommendation.abuseReport) continue;
    const e = f.enrichment;
    const key = e.asn !== undefined ? `AS${e.asn}` : (e.abuseContact ?? 'unknown network');
    let n = networks.get(key);
    if (!n) {
      n = { key, asn: e.asn, org: e.org, contact: e.abuseContact, findings: [] };
      networks.set(key, n);
    }
    n.contact ??= e.abuseContact;
    n.findings.push(f);
  }
  return [...networks.values()].map((n) => draftFor(n, o));
}

function draftFor(n: Network, o: AbuseDraftOptions): AbuseDraft {
  const perIp = new Map<
    string,
    { requests: number; category: Category; first: string; last: string; lines: string[] }
  >();
  let first = '';
  let last = '';
  let requests = 0;
  for (const f of n.findings) {
    requests += f.requests;
    if (first === '' || f.first_seen < first) first = f.first_seen;
    if (last === '' || f.last_seen > last) last = f.last_seen;
    const ips = f.entity.kind === 'ip' ? [f.entity.value] : (f.ips ?? []);
    for (const ip of ips) {
      const cur = perIp.get(ip);
      const lines = f.evidence.map((l) => l.text).filter((t) => ips.length === 1 || t.includes(ip));
      const share = f.entity.kind === 'ip' ? f.requests : Math.round(f.requests / Math.max(1, ips.length));
      if (!cur) perIp.set(ip, { requests: share, category: f.category, first: f.first_seen, last: f.last_seen, lines });
      else {
        cur.requests = Math.max(cur.requests, share);
        cur.lines.push(...lines);
      }
    }
  }
  const categories = [...new Set(n.findings.map((f) => f.category))];
  const what = categories.map((c) => CATEGORY_WORDS[c]).join('; ');
  const who = `${n.key}${n.org ? ` (${escapeControls(n.org)})` : ''}`;
  const day = first.slice(0, 10);
  const ips = [...perIp.entries()].sort((a, b) => b[1].requests - a[1].requests).slice(0, o.maxAddresses ?? 50);
  const evidence = ips.flatMap(([, v]) => v.lines).slice(0, o.maxEvidence ?? 20);
  const subject = `Abuse report: ${categories.join(', ')} from ${n.key}, ${perIp.size} address(es), ${day} UTC`;
  const text = [
    `To: ${n.contact !== undefined ? escapeControls(n.contact) : `unknown: look up the abuse contact of ${n.key} (RDAP) before sending`}`,
    `Subject: ${subject}`,
    '',
    `Hello ${n.org ? escapeControls(n.org) : n.key} abuse team,`,
    '',
    `our service "${o.service}" received abusive automated traffic from addresses in your network ${who}.`,
    '',
    `What happened: ${what}.`,
    `When (UTC):    ${utc(first)} to ${utc(last)}`,
    `How much:      ${requests} requests from ${perIp.size} address(es)`,
    '',
    'Addresses (requests, first and last seen, UTC):',
    ...ips.map(([ip, v]) => `  ${ip}  ${v.requests} requests  ${v.category}  ${utc(v.first)} to ${utc(v.last)}`),
    ...(perIp.size > ips.length ? [`  … and ${perIp.size - ips.length} more`] : []),
    '',
    'Evidence (log lines as received):',
    ...(evidence.length > 0 ? evidence.map((l) => `  ${escapeControls(l).slice(0, 500)}`) : ['  (none kept)']),
    '',
    'The addresses may belong to infected or compromised customer devices or a residential proxy service.',
    'Please investigate and stop the activity. This report was drafted by Rampart and reviewed before sending.',
    `Reported by: ${o.reporter}`,
  ].join('\n');
  const xarf = ips.slice(0, 20).map(([ip, v]) => ({
    source: ip,
    message: renderXarf({
      reporter: o.reporter,
      to: n.contact,
      subject: `${subject} [${ip}]`,
      human: text,
      source: ip,
      category: v.category,
      firstSeen: Date.parse(v.first) || o.now,
      createdAt: o.now,
      reportId: `${o.reportKey}-${ip}@rampart`,
      evidence: v.lines.slice(0, o.maxEvidence ?? 20),
    }),
  }));
  return {
    network: n.key,
    asn: n.asn,
    org: n.org,
    contact: n.contact,
    findingIds: n.findings.map((f) => f.id),
    ips: [...perIp.keys()],
    requests,
    firstSeen: first,
    lastSeen: last,
    subject,
    text,
    xarf,
  };
}

/** '2026-01-10 11:00:00 UTC' from ISO text; the text itself when it does not parse. */
function utc(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? escapeControls(iso) : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
