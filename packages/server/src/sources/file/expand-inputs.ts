/**
 * Turns the command line's inputs into sources: paths, globs (expanded here so quoting works the same on
 * every shell), and '-' for standard input. A glob that matches nothing and a file that cannot be opened
 * become failures the summary reports; the run goes on with whatever could be opened.
 */
import { isAbsolute, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { ByteSource, SourceFailure } from '../byte-source.js';
import { stdinSource } from '../stdin/stdin-source.js';
import { CHUNK_BYTES, isSourceFailure, MERGE_CHUNK_BYTES, openFileSource } from './file-source.js';

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
  const files: Array<{ absolute: string; name: string }> = [];
  let stdinAt = -1;
  for (const input of inputs) {
    if (input === '-') {
      if (stdinAt < 0) stdinAt = files.length;
      continue;
    }
    const paths = GLOB_CHARS.test(input) ? await expandGlob(input, cwd) : [input];
    if (paths.length === 0) failures.push({ name: input, message: 'no file matches this pattern' });
    for (const path of paths) {
      const absolute = isAbsolute(path) ? path : resolve(cwd, path);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      files.push({ absolute, name: path });
    }
  }
  const chunkBytes = files.length + (stdinAt >= 0 ? 1 : 0) > 1 ? MERGE_CHUNK_BYTES : CHUNK_BYTES;
  for (const [i, file] of files.entries()) {
    if (i === stdinAt) sources.push(stdinSource(stdin));
    const opened = await openFileSource(file.absolute, file.name, chunkBytes);
    if (isSourceFailure(opened)) failures.push(opened);
    else sources.push(opened);
  }
  if (stdinAt >= files.length) sources.push(stdinSource(stdin));
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
