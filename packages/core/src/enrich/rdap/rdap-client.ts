/**
 * Abuse contact of an address over RDAP (RFC 7480–7484, 9083, 9224): IANA bootstrap → the RIR's `/ip/`
 * answer → redirects and inter-RIR referral links → the `abuse` entity's e-mail. Never throws and never
 * makes the pipeline wait: `cachedAbuseContact` is synchronous, `lookupAbuseContact` resolves to
 * `source: 'unknown'` when offline, over budget, queued too deep, timed out or failing. Contacts are cached
 * per IPv4 /24 and IPv6 /48 (a registry allocation is rarely smaller), with longer TTLs for answers than
 * for failures.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subnetOf } from '../../net/cidr.js';
import { parseIp } from '../../net/ip-address.js';
import { type AbuseContact, type AbuseContactCache, MemoryAbuseContactCache, unknownContact } from './abuse-contact.js';
import { JsonFileAbuseContactCache } from './json-file-abuse-cache.js';
import { IANA_BOOTSTRAP_BASE, RdapAsnBootstrap, RdapBootstrap } from './rdap-bootstrap.js';
import { type FetchOutcome, fetchRdapJson } from './rdap-fetch.js';
import { findAbuseEntity, referralLink } from './rdap-response.js';

export interface RdapClientOptions {
  /** Where ipv4.json / ipv6.json are fetched from; default IANA's. */
  readonly bootstrapBaseUrl?: string;
  /** Directory to keep the bootstrap files in between runs. */
  readonly bootstrapCacheDir?: string;
  readonly bootstrapTtlMs?: number;
  /** Contact store; default a JSON file at `cachePath`, else memory. */
  readonly cache?: AbuseContactCache;
  readonly cachePath?: string;
  readonly ttlMs?: number;
  /** Registry answered but publishes no abuse e-mail (404, no abuse entity). */
  readonly negativeTtlMs?: number;
  /** Timeouts, 5xx, 429, malformed answers. */
  readonly errorTtlMs?: number;
  readonly concurrency?: number;
  readonly maxQueue?: number;
  readonly requestTimeoutMs?: number;
  /** Deadline for one whole lookup (bootstrap, referrals). */
  readonly lookupTimeoutMs?: number;
  /** Global request budget: at most `requests` HTTP requests per `perMs`. */
  readonly budget?: { readonly requests: number; readonly perMs: number };
  readonly maxReferrals?: number;
  /** Answer 'unknown' at once without any network access. */
  readonly offline?: boolean;
  readonly now?: () => number;
}

type Outcome =
  | FetchOutcome
  | { readonly kind: 'found'; readonly contact: AbuseContact; readonly ttl: 'ok' | 'negative' };

export class RdapClient {
  private readonly o: Required<Omit<RdapClientOptions, 'cache' | 'cachePath' | 'bootstrapCacheDir' | 'budget'>>;
  private readonly cache: AbuseContactCache;
  private readonly bootstrapDir: string | undefined;
  private readonly bootstraps = new Map<string, { value: unknown; until: number }>();
  private readonly inFlight = new Map<string, Promise<AbuseContact>>();
  private readonly waiting: Array<() => void> = [];
  private readonly backoff = new Map<string, number>();
  private readonly budget: { requests: number; perMs: number };
  private budgetWindow: { start: number; used: number } = { start: 0, used: 0 };
  private running = 0;
  /** Lookups by outcome reason ('found', 'not_found', 'timeout', 'budget', …). */
  readonly counts: Record<string, number> = {};

  constructor(options: RdapClientOptions = {}) {
    this.o = {
      bootstrapBaseUrl: options.bootstrapBaseUrl ?? IANA_BOOTSTRAP_BASE,
      bootstrapTtlMs: options.bootstrapTtlMs ?? 7 * 86_400_000,
      ttlMs: options.ttlMs ?? 7 * 86_400_000,
      negativeTtlMs: options.negativeTtlMs ?? 86_400_000,
      errorTtlMs: options.errorTtlMs ?? 15 * 60_000,
      concurrency: options.concurrency ?? 4,
      maxQueue: options.maxQueue ?? 1_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      lookupTimeoutMs: options.lookupTimeoutMs ?? 15_000,
      maxReferrals: options.maxReferrals ?? 2,
      offline: options.offline ?? false,
      now: options.now ?? Date.now,
    };
    this.budget = { requests: options.budget?.requests ?? 120, perMs: options.budget?.perMs ?? 60_000 };
    this.cache =
      options.cache ??
      (options.cachePath !== undefined
        ? new JsonFileAbuseContactCache(options.cachePath, { now: this.o.now })
        : new MemoryAbuseContactCache(100_000, this.o.now));
    this.bootstrapDir = options.bootstrapCacheDir;
  }

  /** The cached contact for the address, if any; never touches the network. */
  cachedAbuseContact(ip: string): AbuseContact | undefined {
    const key = keyOf(ip);
    return key === undefined ? undefined : this.cache.get(key);
  }

  /** Resolves to the contact, or to `source: 'unknown'`; never rejects. */
  lookupAbuseContact(ip: string): Promise<AbuseContact> {
    const parsed = parseIp(ip);
    const key = parsed ? keyOf(parsed.text) : undefined;
    if (!parsed || key === undefined) return Promise.resolve(this.unknown('invalid_address'));
    return this.lookup(key, async (deadline) => {
      const bootstrap = await this.bootstrapFile(`ipv${parsed.version}.json`, RdapBootstrap.parse, deadline);
      const base = bootstrap?.baseFor(parsed);
      return bootstrap ? (base ? `${base}ip/${parsed.text}` : '') : undefined;
    });
  }

  /** The abuse contact of an autonomous system (`/autnum/<asn>`, bootstrapped from asn.json). */
  lookupAsnAbuseContact(asn: number): Promise<AbuseContact> {
    if (!Number.isInteger(asn) || asn <= 0 || asn > 4_294_967_295) return Promise.resolve(this.unknown('invalid_asn'));
    return this.lookup(`AS${asn}`, async (deadline) => {
      const bootstrap = await this.bootstrapFile('asn.json', RdapAsnBootstrap.parse, deadline);
      const base = bootstrap?.baseFor(asn);
      return bootstrap ? (base ? `${base}autnum/${asn}` : '') : undefined;
    });
  }

  /** The cached contact of an autonomous system, if any. */
  cachedAsnAbuseContact(asn: number): AbuseContact | undefined {
    return this.cache.get(`AS${asn}`);
  }

  /**
   * Shared lookup flow. `locate` resolves to the first URL to ask, '' when no registry serves the
   * resource, or undefined when the bootstrap itself is unavailable.
   */
  private lookup(key: string, locate: (deadline: AbortSignal) => Promise<string | undefined>): Promise<AbuseContact> {
    if (this.o.offline) return Promise.resolve(this.unknown('offline'));
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const running = this.inFlight.get(key);
    if (running) return running;
    if (this.waiting.length >= this.o.maxQueue) return Promise.resolve(this.unknown('queue_full'));
    const p = this.limited(() => this.resolve(key, locate))
      .catch(() => this.unknown('internal'))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  /** Starts a lookup in the background (for callers that only read `cachedAbuseContact`). */
  prefetch(ip: string): void {
    void this.lookupAbuseContact(ip);
  }

  /** Writes the persistent cache. */
  flush(): Promise<void> {
    return this.cache.flush();
  }

  private async resolve(
    key: string,
    locate: (deadline: AbortSignal) => Promise<string | undefined>,
  ): Promise<AbuseContact> {
    const deadline = AbortSignal.timeout(this.o.lookupTimeoutMs);
    const outcome = await this.query(locate, deadline);
    const now = this.o.now();
    if (outcome.kind === 'found') {
      this.count(outcome.contact.email ? 'found' : 'no_email');
      this.cache.set(key, outcome.contact, outcome.ttl === 'ok' ? this.o.ttlMs : this.o.negativeTtlMs);
      return outcome.contact;
    }
    if (outcome.kind === 'ok') return this.unknown('unexpected');
    this.count(outcome.reason);
    // Budget and backoff refusals are not the registry's answer: not cached, retried next time.
    if (outcome.reason === 'budget' || outcome.reason === 'backoff') return unknownContact(now);
    const contact = unknownContact(now);
    this.cache.set(key, contact, outcome.kind === 'none' ? this.o.negativeTtlMs : this.o.errorTtlMs);
    return contact;
  }

  private async query(
    locate: (deadline: AbortSignal) => Promise<string | undefined>,
    deadline: AbortSignal,
  ): Promise<Outcome> {
    const first = await locate(deadline);
    if (first === undefined) return { kind: 'error', reason: 'no_bootstrap' };
    if (first === '') return { kind: 'none', reason: 'no_registry' };
    let url = first;
    for (let hop = 0; hop <= this.o.maxReferrals; hop++) {
      const r = await this.request(url, deadline);
      if (r.kind !== 'ok') return r;
      const abuse = findAbuseEntity(r.json);
      const contact = {
        email: abuse?.email,
        name: abuse?.name,
        handle: abuse?.handle,
        source: r.url,
        fetchedAt: this.o.now(),
      };
      if (abuse?.email) return { kind: 'found', contact, ttl: 'ok' };
      const next = referralLink(r.json, r.url);
      if (!next)
        return abuse ? { kind: 'found', contact, ttl: 'negative' } : { kind: 'none', reason: 'no_abuse_entity' };
      url = next;
    }
    return { kind: 'none', reason: 'too_many_referrals' };
  }

  /** One HTTP request under the global budget and per-host 429 backoff. */
  private async request(url: string, deadline: AbortSignal): Promise<FetchOutcome> {
    const host = hostOf(url);
    const now = this.o.now();
    if ((this.backoff.get(host) ?? 0) > now) return { kind: 'error', reason: 'backoff' };
    if (now - this.budgetWindow.start >= this.budget.perMs) this.budgetWindow = { start: now, used: 0 };
    if (this.budgetWindow.used >= this.budget.requests) return { kind: 'error', reason: 'budget' };
    this.budgetWindow.used++;
    const r = await fetchRdapJson(url, this.o.requestTimeoutMs, deadline);
    if (r.kind === 'error' && r.retryAfterMs !== undefined) this.backoff.set(host, this.o.now() + r.retryAfterMs);
    return r;
  }

  private async bootstrapFile<T>(
    file: string,
    parse: (doc: unknown) => T | undefined,
    deadline: AbortSignal,
  ): Promise<T | undefined> {
    const now = this.o.now();
    const known = this.bootstraps.get(file);
    if (known && known.until > now) return known.value as T | undefined;
    let value = this.readBootstrapFile(file, parse);
    if (!value) {
      const r = await this.request(`${this.o.bootstrapBaseUrl}${file}`, deadline);
      value = r.kind === 'ok' ? parse(r.json) : undefined;
      if (value && r.kind === 'ok') this.writeBootstrapFile(file, r.json);
    }
    // A failed bootstrap is retried after five minutes, not on every lookup.
    this.bootstraps.set(file, { value, until: now + (value ? this.o.bootstrapTtlMs : 5 * 60_000) });
    return value;
  }

  private readBootstrapFile<T>(file: string, parse: (doc: unknown) => T | undefined): T | undefined {
    if (this.bootstrapDir === undefined) return undefined;
    const path = join(this.bootstrapDir, `rdap-bootstrap-${file}`);
    try {
      if (this.o.now() - statSync(path).mtimeMs > this.o.bootstrapTtlMs) return undefined;
      return parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      return undefined;
    }
  }

  private writeBootstrapFile(file: string, json: unknown): void {
    if (this.bootstrapDir === undefined) return;
    try {
      mkdirSync(this.bootstrapDir, { recursive: true });
      writeFileSync(join(this.bootstrapDir, `rdap-bootstrap-${file}`), JSON.stringify(json));
    } catch {
      // A read-only cache dir only costs a re-download next run.
    }
  }

  private limited<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = (): void => {
        this.running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            const next = this.waiting.shift();
            if (next) next();
          });
      };
      if (this.running < this.o.concurrency) run();
      else this.waiting.push(run);
    });
  }

  private unknown(reason: string): AbuseContact {
    this.count(reason);
    return unknownContact(this.o.now());
  }

  private count(reason: string): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
  }
}

/** Cache key: the IPv4 /24 or IPv6 /48 of the address. */
function keyOf(ip: string): string | undefined {
  return subnetOf(ip, 24, 48);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
