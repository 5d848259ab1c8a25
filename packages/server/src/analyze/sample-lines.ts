/**
 * Collects the first non-empty, decodable lines of the input for format recognition. The chunks read
 * stay queued in each feed, so the main pass still sees every byte once.
 */
import type { ChunkFeed } from '../sources/chunk-feed.js';
import { LineReader } from '../sources/lines/line-reader.js';

export const SAMPLE_LINES = 50;
/** Stop looking after this much of a source even if it had fewer good lines (e.g. a garbage file). */
const SAMPLE_MAX_BYTES = 4 * 1024 * 1024;

export async function sampleLines(
  feeds: readonly ChunkFeed[],
  maxLineBytes: number,
  want = SAMPLE_LINES,
): Promise<string[]> {
  const lines: string[] = [];
  for (const feed of feeds) {
    const reader = new LineReader({ line: (text) => lines.push(text), bad: () => {} }, maxLineBytes);
    let bytes = 0;
    try {
      while (lines.length < want && bytes < SAMPLE_MAX_BYTES) {
        const chunk = await feed.peek();
        if (chunk === undefined) {
          reader.end();
          break;
        }
        bytes += chunk.length;
        reader.push(chunk);
      }
    } catch {
      // A failing source is reported by the main pass; sampling just moves on.
    }
    if (lines.length >= want) break;
  }
  return lines.slice(0, want);
}
