/**
 * The text output of `rampart lookup`: one block per address, one row per answer with where it came
 * from. Organisation names come from third-party data, so control characters are replaced before
 * printing to a terminal.
 */
import type { UaInfo } from '@rampart/core';
import type { LookupResult } from './lookup.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here.
const safe = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

function row(label: string, value: string, source?: string): string {
  const v = safe(value);
  return source ? `  ${label.padEnd(14)}${v.padEnd(36)} ${source}\n` : `  ${label.padEnd(14)}${v}\n`;
}

export function renderLookupText(
  results: readonly LookupResult[],
  o: { ua: UaInfo | undefined; rdap: boolean },
): string {
  let out = '';
  for (const r of results) {
    out += `${safe(r.net?.ip ?? r.input)}\n`;
    const net = r.net;
    if (!net) {
      out += row('error', r.error ?? 'invalid');
      continue;
    }
    const s = net.sources;
    out += row('scope', net.scope, net.scope === 'public' ? undefined : s.scope);
    if (net.scope !== 'public') {
      out += row('asn', `none (${net.scope} address)`);
    } else {
      out += row('asn', net.asn !== undefined ? `AS${net.asn}` : 'unknown', s.asn);
      out += row('organisation', net.org ?? 'unknown', s.org);
      out += row('prefix', net.prefix ?? 'unknown', s.prefix);
      out += row('country', net.country ?? 'unknown', s.country);
      out += row('network type', net.networkType, s.networkType);
    }
    if (o.ua) out += row('crawler', crawlerText(r, o.ua));
    if (net.scope === 'public') out += row('abuse contact', abuseText(r, o.rdap), abuseSource(r));
    out += '\n';
  }
  return out;
}

function crawlerText(r: LookupResult, ua: UaInfo): string {
  if (ua.crawler === undefined)
    return `user agent declares no crawler (${ua.class}${ua.family ? `: ${ua.family}` : ''})`;
  const v = r.crawler;
  if (!v) return `${ua.crawler}: not checked`;
  if (v.verified === true) return `${v.family}: verified (${v.method})`;
  if (v.verified === false) return `${v.family}: NOT verified (${v.method}) — impersonation`;
  return `${v.family}: could not be checked`;
}

function abuseText(r: LookupResult, rdap: boolean): string {
  if (!rdap) return 'skipped (--no-rdap)';
  const a = r.abuse;
  if (!a || a.source === 'unknown' || !a.email) return 'unknown';
  return a.email;
}

function abuseSource(r: LookupResult): string | undefined {
  const a = r.abuse;
  return a && a.source !== 'unknown' && a.email ? `rdap ${a.source}` : undefined;
}
