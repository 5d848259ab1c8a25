/**
 * Where a followed file was read up to: the file's identity (device + inode) and the byte offset just
 * after the last line fully handed on, so a restart neither skips nor repeats a line. Written atomically
 * (temp file + rename); a missing or unreadable checkpoint means "start from the beginning".
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface Checkpoint {
  readonly version: 1;
  /** Absolute path that was followed. */
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
  /** Bytes of complete lines processed in the file with this inode. */
  readonly offset: number;
  /** Number of the last line processed in that file, so line numbers continue after a restart. */
  readonly lineNo: number;
  readonly savedAt: string;
}

/** `<dataDir>/checkpoints/<file name>-<hash of the absolute path>.json`. */
export function defaultCheckpointPath(dataDir: string, followedPath: string): string {
  const hash = createHash('sha256').update(followedPath).digest('hex').slice(0, 12);
  return join(dataDir, 'checkpoints', `${basename(followedPath).replace(/[^\w.-]/g, '_')}-${hash}.json`);
}

export async function loadCheckpoint(file: string): Promise<Checkpoint | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<Checkpoint>;
    const ok =
      value.version === 1 &&
      typeof value.path === 'string' &&
      [value.dev, value.ino, value.offset, value.lineNo].every((n) => Number.isSafeInteger(n) && (n as number) >= 0);
    return ok ? (value as Checkpoint) : undefined;
  } catch {
    return undefined;
  }
}

export async function saveCheckpoint(file: string, checkpoint: Omit<Checkpoint, 'version' | 'savedAt'>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const full: Checkpoint = { version: 1, ...checkpoint, savedAt: new Date().toISOString() };
  await writeFile(tmp, `${JSON.stringify(full)}\n`);
  await rename(tmp, file);
}
