import type { ParseErrorReason } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { LineReader, type LineSink } from './line-reader.js';
import { detachString } from './printable-sample.js';

interface Collected {
  lines: Array<[number, string, boolean]>;
  bad: Array<[number, ParseErrorReason, string]>;
}

function collect(): { sink: LineSink; out: Collected } {
  const out: Collected = { lines: [], bad: [] };
  return {
    out,
    sink: {
      line: (text, lineNo, final) => out.lines.push([lineNo, text, final]),
      bad: (reason, lineNo, sample) => out.bad.push([lineNo, reason, sample]),
    },
  };
}

function read(chunks: Array<string | Buffer>, max = 1024): Collected {
  const { sink, out } = collect();
  const reader = new LineReader(sink, max);
  for (const c of chunks) reader.push(typeof c === 'string' ? Buffer.from(c) : c);
  reader.end();
  return out;
}

describe('LineReader', () => {
  it('splits on newlines, drops a trailing CR and skips blank lines while keeping line numbers', () => {
    const out = read(['a\r\nb\n\n', 'c\n']);
    expect(out.lines).toEqual([
      [1, 'a', false],
      [2, 'b', false],
      [4, 'c', false],
    ]);
  });

  it('joins a line split across chunks, even inside a multi-byte character', () => {
    const bytes = Buffer.from('first\nsecond é line\nthird\n');
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of 'é'
    const out = read([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(out.lines.map((l) => l[1])).toEqual(['first', 'second é line', 'third']);
    expect(out.bad).toEqual([]);
  });

  it('hands on a last line without newline flagged as final', () => {
    const out = read(['one\ntwo']);
    expect(out.lines).toEqual([
      [1, 'one', false],
      [2, 'two', true],
    ]);
  });

  it('counts a line longer than the limit as too_long without buffering it, and goes on', () => {
    const { sink, out } = collect();
    const reader = new LineReader(sink, 300);
    reader.push(Buffer.from('ok\n'));
    for (let i = 0; i < 100; i++) reader.push(Buffer.alloc(1000, 'x'));
    expect(reader.partialBytes).toBe(0);
    reader.push(Buffer.from('xxx\nafter\n'));
    reader.end();
    expect(out.lines.map((l) => l[1])).toEqual(['ok', 'after']);
    expect(out.bad.map((b) => [b[0], b[1]])).toEqual([[2, 'too_long']]);
    expect(out.bad[0]![2].length).toBeLessThan(200);
  });

  it('counts a too-long line that sits inside one chunk', () => {
    const out = read([`short\n${'y'.repeat(500)}\nnext\n`], 300);
    expect(out.bad.map((b) => [b[0], b[1]])).toEqual([[2, 'too_long']]);
    expect(out.lines.map((l) => l[1])).toEqual(['short', 'next']);
  });

  it('marks lines with NUL as binary, keeps tabs, and leaves other control bytes to the parser stage', () => {
    const out = read(['good\tline\n', 'bad\x00line\n', 'bell\x07here\n', 'fine\n']);
    expect(out.bad.map((b) => [b[0], b[1]])).toEqual([[2, 'binary']]);
    expect(out.bad[0]![2]).toBe('bad\\x00line');
    expect(out.lines.map((l) => l[1])).toEqual(['good\tline', 'bell\x07here', 'fine']);
  });

  it('checks every line for control bytes in a chunk that is not valid UTF-8', () => {
    const out = read([Buffer.concat([Buffer.from('a\x07b\n'), Buffer.from([0xff, 0x0a]), Buffer.from('ok\n')])]);
    expect(out.bad.map((b) => [b[0], b[1]])).toEqual([
      [1, 'binary'],
      [2, 'invalid_utf8'],
    ]);
  });

  it('decodes a large chunk in pieces without losing or splitting lines', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line number ${i} ${'z'.repeat(i % 90)}`);
    const out = read([`${lines.join('\n')}\n`], 4096);
    expect(out.lines.map((l) => l[1])).toEqual(lines);
    expect(out.lines.at(-1)![0]).toBe(5000);
  });

  it('marks invalid UTF-8 lines as invalid_utf8 and decodes valid neighbours in the same chunk', () => {
    const chunk = Buffer.concat([
      Buffer.from('caf\u00e9\n'),
      Buffer.from([0x47, 0x45, 0x54, 0x20, 0xff, 0xfe, 0x0a]),
      Buffer.from('ok\n'),
    ]);
    const out = read([chunk]);
    expect(out.lines.map((l) => l[1])).toEqual(['café', 'ok']);
    expect(out.bad.map((b) => [b[0], b[1]])).toEqual([[2, 'invalid_utf8']]);
    expect(out.bad[0]![2]).toBe('GET \ufffd\ufffd');
  });

  it('counts random binary garbage by reason and never throws', () => {
    let seed = 42;
    const garbage = Buffer.alloc(200_000);
    for (let i = 0; i < garbage.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      garbage[i] = seed >>> 24;
    }
    const { sink, out } = collect();
    const reader = new LineReader(sink, 1024);
    for (let i = 0; i < garbage.length; i += 4096) reader.push(garbage.subarray(i, i + 4096));
    reader.end();
    const reasons = new Set(out.bad.map((b) => b[1]));
    expect(out.bad.length).toBeGreaterThan(100);
    for (const r of reasons) expect(['binary', 'invalid_utf8', 'too_long']).toContain(r);
    expect(out.lines.length).toBeLessThan(out.bad.length / 10);
  });

  it('tracks the byte offset of the last complete line for checkpoints', () => {
    const { sink } = collect();
    const reader = new LineReader(sink, 1024);
    reader.push(Buffer.from('abc\nde'));
    expect(reader.completeBytes).toBe(4);
    reader.push(Buffer.from('f\ng'));
    expect(reader.completeBytes).toBe(8);
    expect(reader.partialBytes).toBe(1);
  });
});

describe('detachString', () => {
  it('returns an equal string', () => {
    const parent = 'x'.repeat(1000);
    expect(detachString(parent.slice(10, 60))).toBe('x'.repeat(50));
    expect(detachString('short')).toBe('short');
  });
});
