import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs } from './expand-inputs.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-inputs-'));
  mkdirSync(join(dir, 'logs'));
  for (const name of ['b.log', 'a.log', 'a.log.1']) writeFileSync(join(dir, 'logs', name), 'x\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('expandInputs', () => {
  it('expands globs in sorted order, drops duplicates, and keeps stdin where it was named', async () => {
    const { sources, failures } = await expandInputs(['logs/a.log', '-', 'logs/*.log*'], dir, Readable.from([]));
    expect(sources.map((s) => s.name)).toEqual(['logs/a.log', 'stdin', 'logs/a.log.1', 'logs/b.log']);
    expect(failures).toEqual([]);
  });

  it('reports a pattern that matches nothing, a missing file and a directory, without throwing', async () => {
    const { sources, failures } = await expandInputs(
      ['nothing/*.gz', 'missing.log', 'logs', 'logs/b.log'],
      dir,
      Readable.from([]),
    );
    expect(sources.map((s) => s.name)).toEqual(['logs/b.log']);
    expect(failures).toEqual([
      { name: 'nothing/*.gz', message: 'no file matches this pattern' },
      { name: 'missing.log', message: 'no such file' },
      { name: 'logs', message: 'is a directory' },
    ]);
  });
});
