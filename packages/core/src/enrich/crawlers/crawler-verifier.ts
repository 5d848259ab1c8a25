/**
 * Verifies declared crawlers without blocking the pipeline. Policy, in order:
 * 1. published ranges (when loaded for the family): inside → verified (`ip_range`);
 * 2. operator ASN: a match verifies (`asn`) only when the family's ranges are not loaded, or the ASN is
 *    exclusive to the operator (Apple, Yandex, Baidu, Meta) — Google, Microsoft and Amazon rent address
 *    space from their ASNs to cloud customers, so their ASN alone proves nothing once ranges are known;
 * 3. forward-confirmed reverse DNS (when enabled and the family publishes PTR suffixes), in the
 *    background: `verified: undefined` until the cached result exists.
 * A negative from 1 or 2 is confirmed by FCrDNS when available; if DNS fails (offline, timeout) the
 * negative stands. Non-public addresses (a proxy in front of the log) are never judged.
 */
import type { CrawlerVerdict, IpInfo, UaInfo } from '../../event/enriched-event.js';
import type { CidrSet } from '../../net/cidr.js';
import { CRAWLER_FAMILIES, type CrawlerFamily, crawlerFamilyById } from './crawler-families.js';
import { crawlerRangeFile, loadRangeFiles } from './crawler-ranges.js';
import { type DnsResolverLike, ReverseDnsCheck } from './reverse-dns-check.js';

export interface CrawlerVerifierOptions {
  /** Range files per family id (any format `parseRangeText` reads). */
  readonly rangeFiles?: Readonly<Record<string, readonly string[]>>;
  /** Data dir written by `update-data`: `crawler-ranges/<id>.txt` is loaded for each family that has one. */
  readonly dataDir?: string;
  /** Forward-confirmed reverse DNS; default true. Offline it costs nothing: checks fail and are skipped. */
  readonly rdns?: boolean;
  readonly resolver?: DnsResolverLike;
  /** DNS servers ('1.1.1.1', '127.0.0.1:5353') for a private resolver when no `resolver` is given. */
  readonly dnsServers?: readonly string[];
  readonly rdnsTimeoutMs?: number;
  readonly rdnsConcurrency?: number;
  readonly rdnsTtlMs?: number;
  /** Verdicts kept per (family, address). */
  readonly cacheSize?: number;
  readonly now?: () => number;
}

type Static = { verified: boolean | undefined; method: CrawlerVerdict['method'] };

export class CrawlerVerifier {
  private readonly ranges = new Map<string, CidrSet>();
  private readonly rdns: ReverseDnsCheck | undefined;
  private readonly verdicts = new Map<string, { verdict: CrawlerVerdict; expires: number }>();
  private readonly rdnsTtlMs: number;
  private readonly now: () => number;
  private readonly cacheSize: number;
  /** Problems met while loading ranges (missing files, bad lines), for the caller to report. */
  readonly loadErrors: string[] = [];

  constructor(options: CrawlerVerifierOptions = {}) {
    this.cacheSize = options.cacheSize ?? 100_000;
    this.rdnsTtlMs = options.rdnsTtlMs ?? 24 * 3_600_000;
    this.now = options.now ?? Date.now;
    const files = new Map<string, string[]>();
    if (options.dataDir !== undefined) {
      for (const f of CRAWLER_FAMILIES) {
        if (f.rangeUrls.length > 0) files.set(f.id, [`${options.dataDir}/${crawlerRangeFile(f.id)}`]);
      }
    }
    for (const [id, paths] of Object.entries(options.rangeFiles ?? {})) files.set(id, [...paths]);
    for (const [id, paths] of files) {
      const { set, errors } = loadRangeFiles(paths);
      // Missing data-dir files are normal before the first `update-data`; explicit files must exist.
      if (options.rangeFiles?.[id]) this.loadErrors.push(...errors);
      if (set.size > 0) this.ranges.set(id, set);
    }
    if (options.rdns !== false) {
      const suffixes = [...new Set(CRAWLER_FAMILIES.flatMap((f) => f.rdnsSuffixes))];
      this.rdns = new ReverseDnsCheck(suffixes, {
        ...(options.resolver ? { resolver: options.resolver } : {}),
        ...(options.dnsServers ? { servers: options.dnsServers } : {}),
        ...(options.rdnsTimeoutMs !== undefined ? { timeoutMs: options.rdnsTimeoutMs } : {}),
        ...(options.rdnsConcurrency !== undefined ? { concurrency: options.rdnsConcurrency } : {}),
        ...(options.rdnsTtlMs !== undefined ? { ttlMs: options.rdnsTtlMs } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
    }
  }

  /** Family ids with published ranges loaded. */
  get loadedFamilies(): string[] {
    return [...this.ranges.keys()];
  }

  /** Synchronous verdict for a declared crawler; undefined when the user agent declares none. */
  verify(ip: string, ua: UaInfo, net: IpInfo): CrawlerVerdict | undefined {
    if (ua.crawler === undefined) return undefined;
    const family = crawlerFamilyById(ua.crawler);
    if (!family || net.scope !== 'public') return { family: ua.crawler, verified: undefined, method: 'none' };
    const key = `${family.id} ${ip}`;
    const cached = this.verdicts.get(key);
    if (cached && cached.expires > this.now()) return cached.verdict;
    const fixed = this.staticVerdict(family, ip, net);
    if (fixed.verified === true || !this.rdns || family.rdnsSuffixes.length === 0) {
      return this.remember(key, { family: family.id, ...fixed }, Number.POSITIVE_INFINITY);
    }
    const outcome = this.rdns.get(ip);
    if (!outcome) {
      // Queue full: answer with what the static checks know, uncached so a later call retries DNS.
      if (!this.rdns.start(ip)) return { family: family.id, ...fixed };
      return { family: family.id, verified: undefined, method: 'rdns' };
    }
    // DNS unavailable: the static answer stands, uncached so the check is retried after the error TTL.
    if (outcome.kind === 'error') return { family: family.id, ...fixed };
    const ok = outcome.kind === 'confirmed' && outcome.names.some((n) => endsWithAny(n, family.rdnsSuffixes));
    return this.remember(key, { family: family.id, verified: ok, method: 'rdns' }, this.rdnsTtlMs);
  }

  /** Like `verify`, but waits for the reverse-DNS check (for `rampart lookup`, not the pipeline). */
  async verifyNow(ip: string, ua: UaInfo, net: IpInfo): Promise<CrawlerVerdict | undefined> {
    const first = this.verify(ip, ua, net);
    if (!first || first.verified !== undefined || first.method !== 'rdns' || !this.rdns) return first;
    await this.rdns.check(ip);
    return this.verify(ip, ua, net);
  }

  /** Resolves when no reverse-DNS check is running. */
  settled(): Promise<void> {
    return this.rdns ? this.rdns.settled() : Promise.resolve();
  }

  private staticVerdict(family: CrawlerFamily, ip: string, net: IpInfo): Static {
    const set = this.ranges.get(family.id);
    if (set?.has(ip)) return { verified: true, method: 'ip_range' };
    const asnMatch = net.asn !== undefined && family.asns.includes(net.asn);
    if (asnMatch && (!set || family.asnExclusive)) return { verified: true, method: 'asn' };
    if (set) return { verified: false, method: 'ip_range' };
    if (family.asns.length > 0 && net.asn !== undefined) return { verified: false, method: 'asn' };
    return { verified: undefined, method: 'none' };
  }

  /** Static verdicts last as long as the loaded ranges; DNS verdicts as long as the DNS answer. */
  private remember(key: string, verdict: CrawlerVerdict, ttlMs: number): CrawlerVerdict {
    if (this.verdicts.size >= this.cacheSize) this.verdicts.clear();
    this.verdicts.set(key, { verdict, expires: this.now() + ttlMs });
    return verdict;
  }
}

function endsWithAny(name: string, suffixes: readonly string[]): boolean {
  return suffixes.some((s) => name === s || name.endsWith(`.${s}`));
}
