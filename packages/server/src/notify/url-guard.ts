/**
 * Where alerts may be sent: http(s) URLs whose host is not loopback, link-local, private, shared
 * (CGNAT), unspecified, multicast or reserved — unless `alerts.allowPrivateTargets` — and never a cloud
 * metadata address (169.254.169.254, fd00:ec2::254), allowed or not. Checked at config load on the URL
 * text, and at send time on every address the host resolves to; the request then connects to the
 * address that was checked (no second lookup a rebinding DNS server could answer differently).
 */
import { lookup } from 'node:dns/promises';
import { CidrSet, parseIp } from '@rampart/core';

/** Resolves a host name to its addresses (A and AAAA). */
export type HostResolver = (host: string) => Promise<string[]>;

export const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const PRIVATE: readonly (readonly [string, string])[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['::/128', 'unspecified'],
  ['127.0.0.0/8', 'loopback'],
  ['::1/128', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['fe80::/10', 'link-local'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['fc00::/7', 'private (unique local)'],
  ['100.64.0.0/10', 'shared address space (CGNAT)'],
  ['192.0.0.0/24', 'reserved'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/3', 'multicast or reserved'],
  ['ff00::/8', 'multicast'],
];
const RANGES = PRIVATE.map(([cidr, why]) => ({ set: CidrSet.fromStrings([cidr]).set, why }));

/** Why this address may not be a target, or undefined when it may. */
export function addressProblem(address: string, allowPrivate: boolean): string | undefined {
  const ip = parseIp(address);
  if (!ip) return `'${address}' is not an address`;
  if (METADATA.has(ip.text)) return `${ip.text} is a cloud metadata address`;
  if (allowPrivate) return undefined;
  for (const r of RANGES) if (r.set.has(ip.text)) return `${ip.text} is ${r.why}`;
  return undefined;
}

export type UrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

/** Syntax-level check (config load): scheme, host, and the host itself when it is an address literal. */
export function checkUrlText(text: string, allowPrivate: boolean): UrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `scheme '${url.protocol.replace(/:$/, '')}' is not allowed (http or https only)` };
  }
  const host = hostOf(url);
  if (host === '') return { ok: false, reason: 'no host' };
  if (parseIp(host)) {
    const why = addressProblem(host, allowPrivate);
    return why ? { ok: false, reason: why } : { ok: true, url };
  }
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) {
    return { ok: false, reason: `${host} is loopback` };
  }
  return { ok: true, url };
}

export type TargetCheck =
  | { readonly ok: true; readonly url: URL; readonly address: string; readonly family: 4 | 6 }
  | { readonly ok: false; readonly reason: string; readonly transient?: boolean };

/** Send-time check: every resolved address must pass; returns the address to connect to. */
export async function checkTarget(text: string, allowPrivate: boolean, resolve: HostResolver): Promise<TargetCheck> {
  const syntax = checkUrlText(text, allowPrivate);
  if (!syntax.ok) return syntax;
  const host = hostOf(syntax.url);
  let addresses: string[];
  if (parseIp(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      return {
        ok: false,
        reason: `cannot resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: `${host} has no addresses` };
  for (const a of addresses) {
    const why = addressProblem(a, allowPrivate);
    if (why) return { ok: false, reason: `${host} resolves to ${why}` };
  }
  const first = parseIp(addresses[0] as string);
  if (!first) return { ok: false, reason: `${host} resolved to an invalid address` };
  return { ok: true, url: syntax.url, address: first.text, family: first.version };
}

/** URL host without IPv6 brackets. */
export function hostOf(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}
