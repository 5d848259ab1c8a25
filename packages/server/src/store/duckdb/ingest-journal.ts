/**
 * The ingest journal: accepted events are appended as NDJSON to a segment file and synced to disk before
 * `append` resolves, so an acknowledged batch survives `kill -9`. Concurrent appends share one fsync
 * (group commit). Sealed segments are bulk-loaded into DuckDB by the store and then deleted; the store
 * records each loaded segment in the same transaction as its rows, so a crash between load and delete
 * never loads a segment twice. Writes and syncs run on libuv's thread pool, one batch at a time, so the
 * event loop keeps parsing and answering while the disk syncs; `seal` waits for the write in progress.
 */
import { closeSync, fdatasync, mkdirSync, openSync, readdirSync, rmSync, write } from 'node:fs';
import { join } from 'node:path';

const SEGMENT_RE = /^seg-(\d{12})\.ndjson$/;

export class IngestJournal {
  private fd: number | undefined;
  private seq: number;
  private bytesInSegment = 0;
  private pending: { data: Buffer; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
  /** Writes and seals, one at a time in order. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Called when a segment is sealed because it is full (not by `seal`): it can be loaded at once. */
  onFull: (() => void) | undefined;

  constructor(
    readonly dir: string,
    /**
     * Seal the open segment once it holds this many bytes. Large enough (≈ 350k rows) that a replay's
     * loads, sealed by the load timer, fill DuckDB row groups (122,880 rows), which DuckDB then writes
     * compressed straight into the database file instead of through its WAL and again at checkpoint.
     */
    private readonly maxSegmentBytes = 256 * 1024 * 1024,
    /**
     * First sequence number allowed: one past the newest segment ever loaded. Segment names MUST NOT be
     * reused, because the store skips a segment whose name it has recorded as loaded.
     */
    minSeq = 1,
  ) {
    mkdirSync(dir, { recursive: true });
    const existing = this.segments();
    const next = existing.length > 0 ? Number(SEGMENT_RE.exec(existing[existing.length - 1]!)![1]) + 1 : 1;
    this.seq = Math.max(next, minSeq);
  }

  /** The sequence number in a segment name, or 0. */
  static seqOf(name: string): number {
    const m = SEGMENT_RE.exec(name);
    return m ? Number(m[1]) : 0;
  }

  /** Segment file names in order (sealed ones, and the open one if any). */
  segments(): string[] {
    return readdirSync(this.dir)
      .filter((f) => SEGMENT_RE.test(f))
      .sort();
  }

  /** Appends NDJSON bytes (each line ends with '\n'); resolves once they are on disk. */
  append(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ data, resolve, reject });
      if (!this.flushing) queueMicrotask(() => this.flush());
    });
  }

  private flush(): void {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    this.chain = this.chain.then(async () => {
      // Taken when the write starts: appends queued behind a slow sync share the next one (group commit).
      const batch = this.pending;
      this.pending = [];
      try {
        if (this.fd === undefined) this.fd = openSync(join(this.dir, this.name(this.seq)), 'a');
        const fd = this.fd;
        for (const { data } of batch) {
          let off = 0;
          while (off < data.length) off += await writeAsync(fd, data, off);
          this.bytesInSegment += data.length;
        }
        await fdatasyncAsync(fd);
        if (this.bytesInSegment >= this.maxSegmentBytes) {
          this.closeSegment();
          this.onFull?.();
        }
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      } finally {
        this.flushing = false;
        if (this.pending.length > 0) this.flush();
      }
    });
  }

  /** Closes the open segment (after the write in progress) so it can be loaded; the sealed names. */
  seal(): Promise<string[]> {
    const run = this.chain.then(() => {
      this.closeSegment();
      return this.sealed();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The sealed segments, without closing the open one. */
  sealed(): string[] {
    return this.segments().filter((f) => f !== this.name(this.seq));
  }

  private closeSegment(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    this.seq++;
    this.bytesInSegment = 0;
  }

  remove(segment: string): void {
    rmSync(join(this.dir, segment), { force: true });
  }

  path(segment: string): string {
    return join(this.dir, segment);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private name(seq: number): string {
    return `seg-${String(seq).padStart(12, '0')}.ndjson`;
  }
}

function writeAsync(fd: number, data: Buffer, offset: number): Promise<number> {
  return new Promise((resolve, reject) =>
    write(fd, data, offset, data.length - offset, null, (err, n) => (err ? reject(err) : resolve(n))),
  );
}

function fdatasyncAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}
