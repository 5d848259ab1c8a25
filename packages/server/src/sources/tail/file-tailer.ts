/**
 * Follows one growing log file, like `tail -F`, through both kinds of rotation:
 * - rename-and-create (logrotate default): the path gets a new inode; the old file is read to its end
 *   (its unterminated last line included) before the new one is read from its start;
 * - copytruncate: the same inode shrinks below the read position; reading restarts at 0.
 * With a checkpoint file the position of the last complete line is saved (at most every
 * `checkpointEveryMs`, and on stop), and a restart resumes there, even when the file was rotated in the
 * meantime (the old file is found by inode in the same directory and finished first).
 * Limits: bytes appended to the old file after the switch, or written between a copytruncate's copy and
 * its truncation, are not seen (true of every tailer). A crash (no final save) repeats at most the lines
 * since the last save.
 */
import { type FileHandle, open, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LineReader, type LineSink } from '../lines/line-reader.js';
import { type Checkpoint, loadCheckpoint, saveCheckpoint } from './checkpoint.js';

export interface TailOptions {
  /** Absolute path of the file to follow. */
  readonly path: string;
  readonly maxLineBytes: number;
  readonly signal: AbortSignal;
  readonly pollMs?: number;
  readonly checkpointFile?: string | undefined;
  readonly checkpointEveryMs?: number;
  /** Called after each read round; return false while lines are still held back (no checkpoint then). */
  readonly afterRound?: () => boolean;
}

export interface TailStats {
  bytes: number;
  rotations: number;
  truncations: number;
}

const READ_BYTES = 64 * 1024;

export class FileTailer {
  readonly stats: TailStats = { bytes: 0, rotations: 0, truncations: 0 };
  private handle: FileHandle | undefined;
  private dev = 0;
  private ino = 0;
  private pos = 0;
  /** File offset where the current reader started. */
  private base = 0;
  private reader: LineReader;
  private lastSave = 0;
  private savedOffset = -1;
  private readonly buffer = Buffer.allocUnsafe(READ_BYTES);

  constructor(
    private readonly sink: LineSink,
    private readonly options: TailOptions,
  ) {
    this.reader = new LineReader(sink, options.maxLineBytes);
  }

  /** Follows until the signal aborts; then saves the checkpoint and closes the file. */
  async run(): Promise<void> {
    const { signal, checkpointFile } = this.options;
    const checkpoint = checkpointFile ? await loadCheckpoint(checkpointFile) : undefined;
    try {
      if (!(await this.openWhenPresent())) return;
      await this.resumeFrom(checkpoint?.path === this.options.path ? checkpoint : undefined);
      while (!signal.aborted) {
        const got = await this.readAvailable();
        const settled = this.options.afterRound?.() ?? true;
        if (settled) await this.maybeSave(false);
        if (await this.followRotation(got)) continue;
        if (got === 0) await this.pause();
      }
      if (this.options.afterRound?.() ?? true) await this.maybeSave(true);
    } finally {
      await this.handle?.close();
    }
  }

  private async openWhenPresent(): Promise<boolean> {
    while (!this.options.signal.aborted) {
      try {
        this.handle = await open(this.options.path, 'r');
        const st = await this.handle.stat();
        this.dev = st.dev;
        this.ino = st.ino;
        return true;
      } catch {
        await this.pause();
      }
    }
    return false;
  }

  private async resumeFrom(cp: Checkpoint | undefined): Promise<void> {
    if (!cp) return;
    const size = (await this.handle!.stat()).size;
    if (cp.dev === this.dev && cp.ino === this.ino) {
      if (size >= cp.offset) this.startReader(cp.offset, cp.lineNo);
      else this.stats.truncations++;
      return;
    }
    // Rotated while we were stopped: finish the old file first if it is still next to the new one.
    const old = await findByInode(dirname(this.options.path), cp.dev, cp.ino);
    if (!old) return;
    const handle = await open(old, 'r');
    const reader = new LineReader(this.sink, this.options.maxLineBytes);
    reader.lineNo = cp.lineNo;
    try {
      let pos = cp.offset;
      for (;;) {
        const { bytesRead } = await handle.read(this.buffer, 0, READ_BYTES, pos);
        if (bytesRead === 0) break;
        reader.push(this.buffer.subarray(0, bytesRead));
        pos += bytesRead;
        this.stats.bytes += bytesRead;
      }
      reader.end();
      this.stats.rotations++;
    } finally {
      await handle.close();
    }
  }

  private startReader(offset: number, lineNo: number): void {
    this.reader = new LineReader(this.sink, this.options.maxLineBytes);
    this.reader.lineNo = lineNo;
    this.pos = offset;
    this.base = offset;
  }

  /** Reads what is there now (up to 64 MB per round, so stop requests and checkpoints stay timely). */
  private async readAvailable(): Promise<number> {
    let got = 0;
    while (got < 64 * 1024 * 1024 && !this.options.signal.aborted) {
      const { bytesRead } = await this.handle!.read(this.buffer, 0, READ_BYTES, this.pos);
      if (bytesRead === 0) break;
      this.reader.push(this.buffer.subarray(0, bytesRead));
      this.pos += bytesRead;
      got += bytesRead;
    }
    this.stats.bytes += got;
    return got;
  }

  /** True when it switched files or restarted after a truncation. */
  private async followRotation(got: number): Promise<boolean> {
    const current = await this.handle!.stat();
    if (current.size < this.pos) {
      const dropped = this.reader.discardPartial();
      if (dropped > 0) this.sink.bad('truncated', this.reader.lineNo + 1, '(partial line lost: file was truncated)');
      this.stats.truncations++;
      this.startReader(0, 0);
      return true;
    }
    const named = await stat(this.options.path).catch(() => undefined);
    if (!named || (named.ino === this.ino && named.dev === this.dev)) return false;
    if (got > 0) return false; // the old file is still being written: finish it first
    this.reader.end();
    await this.handle!.close();
    this.handle = undefined;
    this.stats.rotations++;
    if (!(await this.openWhenPresent())) return false;
    this.startReader(0, 0);
    return true;
  }

  private async maybeSave(force: boolean): Promise<void> {
    const file = this.options.checkpointFile;
    if (!file) return;
    const offset = this.base + this.reader.completeBytes;
    const now = Date.now();
    if (offset === this.savedOffset && !force) return;
    if (!force && now - this.lastSave < (this.options.checkpointEveryMs ?? 1000)) return;
    await saveCheckpoint(file, {
      path: this.options.path,
      dev: this.dev,
      ino: this.ino,
      offset,
      lineNo: this.reader.lineNo,
    });
    this.savedOffset = offset;
    this.lastSave = now;
  }

  private async pause(): Promise<void> {
    await sleep(this.options.pollMs ?? 200, undefined, { signal: this.options.signal }).catch(() => {});
  }
}

async function findByInode(dir: string, dev: number, ino: number): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const st = await stat(join(dir, name)).catch(() => undefined);
    if (st?.isFile() && st.ino === ino && st.dev === dev) return join(dir, name);
  }
  return undefined;
}
