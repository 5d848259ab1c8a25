/**
 * A small persistent `AbuseContactCache`: one JSON file, read once at start, rewritten atomically (temp
 * file + rename) shortly after changes and on `flush()`. Meant for thousands of entries, not millions; a
 * missing or corrupt file starts an empty cache, and write failures are recorded, never thrown.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AbuseContact } from './abuse-contact.js';
import { MemoryAbuseContactCache } from './abuse-contact.js';

interface StoredEntry {
  readonly contact: AbuseContact;
  readonly expires: number;
}

export class JsonFileAbuseContactCache extends MemoryAbuseContactCache {
  /** The last load or write problem, for the caller to report. */
  lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    options: { maxEntries?: number; now?: () => number; writeDelayMs?: number } = {},
  ) {
    super(options.maxEntries ?? 100_000, options.now ?? Date.now);
    this.writeDelayMs = options.writeDelayMs ?? 1_000;
    this.load();
  }

  private readonly writeDelayMs: number;

  override set(key: string, contact: AbuseContact, ttlMs: number): void {
    super.set(key, contact, ttlMs);
    if (!this.timer) {
      this.timer = setTimeout(() => this.writeNow(), this.writeDelayMs);
      this.timer.unref();
    }
  }

  override flush(): Promise<void> {
    this.writeNow();
    return Promise.resolve();
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.lastError = `read ${this.path}: ${String(err)}`;
      return;
    }
    try {
      const doc = JSON.parse(text) as { entries?: Record<string, StoredEntry> };
      const now = this.now();
      for (const [key, e] of Object.entries(doc.entries ?? {})) {
        if (typeof e?.expires === 'number' && e.expires > now && typeof e.contact?.source === 'string') {
          this.entries.set(key, { contact: e.contact, expires: e.expires });
        }
      }
    } catch (err) {
      this.lastError = `parse ${this.path}: ${String(err)}`;
    }
  }

  private writeNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const entries: Record<string, StoredEntry> = {};
    const now = this.now();
    for (const [key, e] of this.entries) if (e.expires > now) entries[key] = e;
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ version: 1, entries }));
      renameSync(tmp, this.path);
    } catch (err) {
      this.lastError = `write ${this.path}: ${String(err)}`;
    }
  }
}
