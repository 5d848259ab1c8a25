import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LineSink } from '../lines/line-reader.js';
import { FileTailer, type TailOptions } from './file-tailer.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-tail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  lines: Array<{ text: string; lineNo: number; final: boolean }>;
  bad: string[];
  stop: () => Promise<FileTailer>;
}

function follow(path: string, extra: Partial<TailOptions> = {}): Run {
  const lines: Run['lines'] = [];
  const bad: string[] = [];
  const sink: LineSink = {
    line: (text, lineNo, final) => lines.push({ text, lineNo, final }),
    bad: (reason) => bad.push(reason),
  };
  const controller = new AbortController();
  const tailer = new FileTailer(sink, { path, maxLineBytes: 4096, signal: controller.signal, pollMs: 10, ...extra });
  const done = tailer.run();
  return {
    lines,
    bad,
    stop: async () => {
      controller.abort();
      await done;
      return tailer;
    },
  };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const texts = (run: Run) => run.lines.map((l) => l.text);

describe('FileTailer', () => {
  it('follows rename-and-create rotation: finishes the old file, unterminated last line included, then reads the new one', async () => {
    const path = join(dir, 'access.log');
    writeFileSync(path, 'l1\nl2\nl3\n');
    const run = follow(path);
    await waitFor(() => run.lines.length === 3, 'first lines');
    appendFileSync(path, 'l4\nl5-unterminated');
    renameSync(path, `${path}.1`);
    writeFileSync(path, 'n1\n');
    await waitFor(() => run.lines.length === 6, 'lines after rotation');
    appendFileSync(path, 'n2\n');
    await waitFor(() => run.lines.length === 7, 'growth of the new file');
    const tailer = await run.stop();
    expect(texts(run)).toEqual(['l1', 'l2', 'l3', 'l4', 'l5-unterminated', 'n1', 'n2']);
    expect(run.lines[4]).toEqual({ text: 'l5-unterminated', lineNo: 5, final: true });
    expect(run.lines[5]!.lineNo).toBe(1);
    expect(tailer.stats.rotations).toBe(1);
  });

  it('follows copytruncate rotation: restarts at the beginning when the file shrinks', async () => {
    const path = join(dir, 'access.log');
    writeFileSync(path, 'old line one\nold line two\nold line three\n');
    const run = follow(path);
    await waitFor(() => run.lines.length === 3, 'first lines');
    writeFileSync(`${path}.1`, readFileSync(path));
    truncateSync(path, 0);
    await new Promise((r) => setTimeout(r, 40));
    appendFileSync(path, 'new1\nnew2\n');
    await waitFor(() => run.lines.length === 5, 'lines after truncation');
    const tailer = await run.stop();
    expect(texts(run)).toEqual(['old line one', 'old line two', 'old line three', 'new1', 'new2']);
    expect(run.lines[3]!.lineNo).toBe(1);
    expect(tailer.stats.truncations).toBe(1);
  });

  it('resumes from its checkpoint after a restart without skipping or repeating a line', async () => {
    const path = join(dir, 'access.log');
    const checkpointFile = join(dir, 'cp', 'access.json');
    writeFileSync(path, 'a1\na2\na3\npartial');
    const first = follow(path, { checkpointFile });
    await waitFor(() => first.lines.length === 3, 'first lines');
    await first.stop();
    const saved = JSON.parse(readFileSync(checkpointFile, 'utf8'));
    expect(saved).toMatchObject({ offset: 9, lineNo: 3, path });

    appendFileSync(path, '-done\na5\n');
    const second = follow(path, { checkpointFile });
    await waitFor(() => second.lines.length === 2, 'lines after restart');
    await second.stop();
    expect(second.lines).toEqual([
      { text: 'partial-done', lineNo: 4, final: false },
      { text: 'a5', lineNo: 5, final: false },
    ]);
  });

  it('after a restart, finishes a file that was rotated away while stopped before reading the new one', async () => {
    const path = join(dir, 'access.log');
    const checkpointFile = join(dir, 'access.json');
    writeFileSync(path, 'a1\na2\n');
    const first = follow(path, { checkpointFile });
    await waitFor(() => first.lines.length === 2, 'first lines');
    await first.stop();

    appendFileSync(path, 'a3\n');
    renameSync(path, `${path}.1`);
    writeFileSync(path, 'b1\n');
    const second = follow(path, { checkpointFile });
    await waitFor(() => second.lines.length === 2, 'lines after restart');
    await second.stop();
    expect(second.lines.map((l) => [l.text, l.lineNo])).toEqual([
      ['a3', 3],
      ['b1', 1],
    ]);
  });

  it('waits for a file that does not exist yet', async () => {
    const path = join(dir, 'later.log');
    const run = follow(path);
    await new Promise((r) => setTimeout(r, 30));
    writeFileSync(path, 'x\n');
    await waitFor(() => run.lines.length === 1, 'the new file');
    await run.stop();
    expect(texts(run)).toEqual(['x']);
  });
});
