/**
 * Wraps a source's chunk stream so the first chunks can be looked at (to recognise the log format)
 * and then read again by the main pass, without reading the input twice: stdin cannot be rewound.
 */
import type { ByteSource } from './byte-source.js';

export class ChunkFeed {
  private readonly iterator: AsyncIterator<Buffer>;
  private readonly peeked: Buffer[] = [];
  private peekIndex = 0;
  private ended = false;
  /** A read error met while peeking, re-raised when the main pass gets there. */
  private failure: unknown;

  constructor(readonly source: ByteSource) {
    this.iterator = source.chunks()[Symbol.asyncIterator]();
  }

  /** The next chunk not yet peeked at; it stays queued for `next()`. Undefined at end of input. */
  async peek(): Promise<Buffer | undefined> {
    if (this.peekIndex < this.peeked.length) return this.peeked[this.peekIndex++];
    if (this.ended) return undefined;
    let r: IteratorResult<Buffer>;
    try {
      r = await this.iterator.next();
    } catch (err) {
      this.failure = err;
      this.ended = true;
      throw err;
    }
    if (r.done) {
      this.ended = true;
      return undefined;
    }
    this.peeked.push(r.value);
    this.peekIndex++;
    return r.value;
  }

  /** The next chunk for the main pass: peeked chunks first. Rejects when the source fails (e.g. bad gzip). */
  async next(): Promise<Buffer | undefined> {
    if (this.peeked.length > 0) {
      this.peekIndex = Math.max(0, this.peekIndex - 1);
      return this.peeked.shift();
    }
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    if (this.ended) return undefined;
    const r = await this.iterator.next();
    if (r.done) {
      this.ended = true;
      return undefined;
    }
    return r.value;
  }

  /** Stops the underlying stream early (e.g. after an error elsewhere). */
  async close(): Promise<void> {
    this.ended = true;
    await this.iterator.return?.();
  }
}
