/**
 * Reads a log from standard input (`rampart analyze -` or a pipe with no file argument). The size is
 * unknown, so there is no progress bar; gzip on stdin is recognised by its magic bytes like files are.
 */
import { createGunzip } from 'node:zlib';
import type { ByteSource } from '../byte-source.js';

export function stdinSource(stdin: NodeJS.ReadableStream): ByteSource {
  let read = 0;
  let compressed = false;
  return {
    name: 'stdin',
    totalBytes: undefined,
    get compressed() {
      return compressed;
    },
    bytesRead: () => read,
    async *chunks(): AsyncIterable<Buffer> {
      const iterator = (stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done) return;
      const head = toBuffer(first.value);
      read += head.length;
      const rest: AsyncIterable<Buffer> = {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const r = await iterator.next();
            if (r.done) return { done: true, value: undefined };
            const b = toBuffer(r.value);
            read += b.length;
            return { done: false, value: b };
          },
        }),
      };
      if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
        compressed = true;
        const gunzip = createGunzip();
        const feed = (async () => {
          gunzip.write(head);
          for await (const b of rest) if (!gunzip.write(b)) await new Promise((r) => gunzip.once('drain', r));
          gunzip.end();
        })();
        feed.catch((err: Error) => gunzip.destroy(err));
        yield* gunzip as AsyncIterable<Buffer>;
        return;
      }
      yield head;
      yield* rest;
    },
  };
}

function toBuffer(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value) : value;
}
