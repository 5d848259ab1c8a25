/**
 * A one-line progress bar on stderr (bytes read / total) for long reads. Shown only when stderr is a
 * terminal and the input is large, so pipes, CI logs and `--json` consumers never see control codes.
 */

/** Inputs smaller than this finish too fast for a bar to help. */
export const PROGRESS_MIN_BYTES = 32 * 1024 * 1024;
const REDRAW_MS = 100;
const WIDTH = 30;

export interface Progress {
  update(bytesRead: number): void;
  done(): void;
}

const NO_PROGRESS: Progress = { update: () => {}, done: () => {} };

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  totalBytes: number | undefined,
  now: () => number = Date.now,
): Progress {
  if (!stream.isTTY || totalBytes === undefined || totalBytes < PROGRESS_MIN_BYTES) return NO_PROGRESS;
  const started = now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(bytesRead) {
      const t = now();
      if (t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      drawn = true;
      const share = Math.min(1, bytesRead / totalBytes);
      const filled = Math.round(share * WIDTH);
      const mbps = bytesRead / 1048576 / Math.max(0.001, (t - started) / 1000);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
      stream.write(
        `\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${mb(bytesRead)}/${mb(totalBytes)} MB  ${mbps.toFixed(1)} MB/s`,
      );
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

function mb(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}
