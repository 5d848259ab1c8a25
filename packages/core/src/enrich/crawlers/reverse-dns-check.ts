/**
 * Forward-confirmed reverse DNS in the background: PTR of the address, then A/AAAA of each PTR name that
 * ends in a known crawler suffix, confirmed when the address is among the answers. Checks run with bounded
 * concurrency, a per-check deadline and a TTL cache; callers poll `get(ip)` and never wait on DNS.
 */
import { Resolver } from 'node:dns/promises';
import { normalizeIp, parseIp } from '../../net/ip-address.js';

/** The subset of `dns.promises.Resolver` the check uses, so tests and callers can pass their own. */
export interface DnsResolverLike {
  /** PTR query by name; used instead of `reverse()`, whose timeouts come back as ENOTFOUND. */
  resolvePtr(name: string): Promise<string[]>;
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
}

/** 'confirmed': forward-confirmed PTR names; 'unconfirmed': no PTR, NXDOMAIN or forward mismatch. */
export type RdnsOutcome =
  | { readonly kind: 'confirmed'; readonly names: readonly string[] }
  | { readonly kind: 'unconfirmed'; readonly ptr: readonly string[] }
  | { readonly kind: 'error'; readonly reason: string };

export interface ReverseDnsCheckOptions {
  readonly resolver?: DnsResolverLike;
  /** 'host' or 'host:port' servers for a private Resolver (ignored when `resolver` is given). */
  readonly servers?: readonly string[];
  /** Whole check deadline (PTR + forward lookups). */
  readonly timeoutMs?: number;
  readonly concurrency?: number;
  /** Checks waiting beyond this are dropped (the caller falls back to its static verdict). */
  readonly maxQueue?: number;
  readonly ttlMs?: number;
  /** Errors (timeouts, SERVFAIL) are retried after this long. */
  readonly errorTtlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

// DNS answers meaning "no such name/record": a definite negative, unlike timeouts or refused queries.
const NEGATIVE_CODES = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'ENONAME']);

export class ReverseDnsCheck {
  private readonly resolver: DnsResolverLike;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, { outcome: RdnsOutcome; expires: number }>();
  private readonly inFlight = new Map<string, Promise<RdnsOutcome>>();
  private readonly queue: Array<() => void> = [];
  private running = 0;
  /** Checks dropped because the queue was full. */
  dropped = 0;

  constructor(
    private readonly suffixes: readonly string[],
    options: ReverseDnsCheckOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.concurrency = options.concurrency ?? 8;
    this.maxQueue = options.maxQueue ?? 10_000;
    this.ttlMs = options.ttlMs ?? 24 * 3_600_000;
    this.errorTtlMs = options.errorTtlMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
    if (options.resolver) this.resolver = options.resolver;
    else {
      const r = new Resolver({ timeout: this.timeoutMs, tries: 1 });
      if (options.servers && options.servers.length > 0) r.setServers([...options.servers]);
      this.resolver = r;
    }
  }

  /** The cached outcome, if fresh. */
  get(ip: string): RdnsOutcome | undefined {
    const hit = this.cache.get(ip);
    if (!hit) return undefined;
    if (hit.expires > this.now()) return hit.outcome;
    this.cache.delete(ip);
    return undefined;
  }

  /** Starts a check unless one is cached or running; false when the queue is full. */
  start(ip: string): boolean {
    if (this.get(ip) || this.inFlight.has(ip)) return true;
    if (this.queue.length >= this.maxQueue) {
      this.dropped++;
      return false;
    }
    void this.check(ip);
    return true;
  }

  /** Runs (or joins) a check and resolves with its outcome; never rejects. */
  check(ip: string): Promise<RdnsOutcome> {
    const cached = this.get(ip);
    if (cached) return Promise.resolve(cached);
    const running = this.inFlight.get(ip);
    if (running) return running;
    const p = new Promise<RdnsOutcome>((resolve) => {
      this.queue.push(() => {
        this.running++;
        this.withDeadline(this.lookup(ip))
          .then((outcome) => {
            this.store(ip, outcome);
            resolve(outcome);
          })
          .finally(() => {
            this.inFlight.delete(ip);
            this.running--;
            this.pump();
          });
      });
      this.pump();
    });
    this.inFlight.set(ip, p);
    return p;
  }

  /** Resolves when every queued and running check has finished (for `lookup` and tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) this.queue.shift()!();
  }

  private store(ip: string, outcome: RdnsOutcome): void {
    if (this.cache.size >= this.maxEntries) {
      // Insertion order: drop the oldest entry (a cheap approximation of LRU).
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    const ttl = outcome.kind === 'error' ? this.errorTtlMs : this.ttlMs;
    this.cache.set(ip, { outcome, expires: this.now() + ttl });
  }

  private withDeadline(p: Promise<RdnsOutcome>): Promise<RdnsOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<RdnsOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'error', reason: 'timeout' }), this.timeoutMs);
      timer.unref();
    });
    return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
  }

  private async lookup(ip: string): Promise<RdnsOutcome> {
    const parsed = parseIp(ip);
    if (!parsed) return { kind: 'error', reason: 'not an address' };
    let ptr: string[];
    try {
      // ptrName cannot fail here: parsed is a valid address.
      ptr = (await this.resolver.resolvePtr(ptrName(parsed.text)!)).map((n) => n.toLowerCase().replace(/\.$/, ''));
    } catch (err) {
      return negativeOrError(err, []);
    }
    const candidates = ptr.filter((n) => this.suffixes.some((s) => n === s || n.endsWith(`.${s}`)));
    const names: string[] = [];
    for (const name of candidates) {
      try {
        const addrs = await (parsed.version === 4 ? this.resolver.resolve4(name) : this.resolver.resolve6(name));
        if (addrs.some((a) => normalizeIp(a) === parsed.text)) names.push(name);
      } catch (err) {
        const o = negativeOrError(err, ptr);
        if (o.kind === 'error') return o;
      }
    }
    return names.length > 0 ? { kind: 'confirmed', names } : { kind: 'unconfirmed', ptr };
  }
}

/** The in-addr.arpa / ip6.arpa name of an address (undefined for a non-address). */
export function ptrName(ip: string): string | undefined {
  const p = parseIp(ip);
  if (!p) return undefined;
  if (p.version === 4) return `${p.text.split('.').reverse().join('.')}.in-addr.arpa`;
  const hex = (p.value as bigint).toString(16).padStart(32, '0');
  return `${[...hex].reverse().join('.')}.ip6.arpa`;
}

function negativeOrError(err: unknown, ptr: readonly string[]): RdnsOutcome {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && NEGATIVE_CODES.has(code)) return { kind: 'unconfirmed', ptr };
  return { kind: 'error', reason: typeof code === 'string' ? code : String(err) };
}
