import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, PROGRESS_MIN_BYTES } from './progress.js';

function stream(isTTY: boolean) {
  let text = '';
  const s = Object.assign(
    new Writable({
      write(chunk, _e, cb) {
        text += String(chunk);
        cb();
      },
    }),
    { isTTY },
  );
  return { s, text: () => text };
}

describe('createProgress', () => {
  it('draws a bar with bytes read over the total on a terminal for large inputs, and clears it at the end', () => {
    const out = stream(true);
    let now = 0;
    const p = createProgress(out.s, 100 * 1048576, () => now);
    now = 500;
    p.update(50 * 1048576);
    expect(out.text()).toContain(' 50%  50.0/100.0 MB');
    p.done();
    expect(out.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('stays silent when stderr is not a terminal or the input is small or of unknown size', () => {
    for (const [tty, total] of [
      [false, 100 * 1048576],
      [true, PROGRESS_MIN_BYTES - 1],
      [true, undefined],
    ] as const) {
      const out = stream(tty);
      const p = createProgress(out.s, total, () => 1000);
      p.update(1);
      p.done();
      expect(out.text()).toBe('');
    }
  });
});
