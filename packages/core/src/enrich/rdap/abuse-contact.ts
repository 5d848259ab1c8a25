/**
 * Abuse contacts and where they are kept. A contact with `source: 'unknown'` means "could not be found
 * (offline, failing registry, nothing published)"; it is an answer, not an error.
 */

export interface AbuseContact {
  readonly email: string | undefined;
  readonly name: string | undefined;
  /** Registry handle of the abuse entity, e.g. 'ABUSE5250-ARIN'. */
  readonly handle: string | undefined;
  /** The RDAP URL that answered, or 'unknown'. */
  readonly source: string;
  /** Epoch milliseconds. */
  readonly fetchedAt: number;
}

/**
 * Storage for contacts with expiry, keyed by the client (see RdapClient for the key). Implementations MUST
 * NOT throw; a store that cannot persist keeps working in memory. The server may swap in its state store.
 */
export interface AbuseContactCache {
  /** A fresh entry, or undefined when missing or expired. */
  get(key: string): AbuseContact | undefined;
  set(key: string, contact: AbuseContact, ttlMs: number): void;
  /** Persists pending writes (no-op for memory stores). */
  flush(): Promise<void>;
}

export function unknownContact(now: number): AbuseContact {
  return { email: undefined, name: undefined, handle: undefined, source: 'unknown', fetchedAt: now };
}

interface Entry {
  contact: AbuseContact;
  expires: number;
}

/** In-memory store with expiry and a size bound (oldest inserted evicted first). */
export class MemoryAbuseContactCache implements AbuseContactCache {
  protected readonly entries = new Map<string, Entry>();

  constructor(
    protected readonly maxEntries = 100_000,
    protected readonly now: () => number = Date.now,
  ) {}

  get(key: string): AbuseContact | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires > this.now()) return e.contact;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, contact: AbuseContact, ttlMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { contact, expires: this.now() + ttlMs });
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }
}
