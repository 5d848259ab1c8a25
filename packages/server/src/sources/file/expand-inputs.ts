/**
 * Turns the command line's inputs into sources: paths, globs (expanded here so quoting works the same on
 * every shell), and '-' for standard input. A glob that matches nothing and a file that cannot be opened
 * become failures the summary reports; the run goes on with whatever could be opened.
 */
import { isAbsolute, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { ByteSource, SourceFailure } from '../byte-source.js';
import { stdinSource } from '../stdin/stdin-source.js';
import { isSourceFailure, openFileSource } from './file-source.js';

const GLOB_CHARS = /[*?[\]{}]/;

export interface ExpandedInputs {
  readonly sources: ByteSource[];
  readonly failures: SourceFailure[];
}

export async function expandInputs(
  inputs: readonly string[],
  cwd: string,
  stdin: NodeJS.ReadableStream,
): Promise<ExpandedInputs> {
  const sources: ByteSource[] = [];
  const failures: SourceFailure[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      if (!seen.has('-')) sources.push(stdinSource(stdin));
      seen.add('-');
      continue;
    }
    const paths = GLOB_CHARS.test(input) ? await expandGlob(input, cwd) : [input];
    if (paths.length === 0) failures.push({ name: input, message: 'no file matches this pattern' });
    for (const path of paths) {
      const absolute = isAbsolute(path) ? path : resolve(cwd, path);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      const opened = await openFileSource(absolute, path);
      if (isSourceFailure(opened)) failures.push(opened);
      else sources.push(opened);
    }
  }
  return { sources, failures };
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const matches = await glob(pattern, {
    cwd,
    onlyFiles: true,
    absolute: isAbsolute(pattern),
    expandDirectories: false,
  });
  return matches.sort();
}
