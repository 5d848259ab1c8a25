import { describe, expect, it } from 'vitest';
import { detectSpike } from './spike-detector.js';

const flat = (n: number, v: number) => Array.from({ length: n }, () => v);

describe('detectSpike', () => {
  it('flags 3 minutes at 600/min against an hour at about 100/min', () => {
    const counts = [...flat(60, 100).map((v, i) => v + (i % 7) - 3), 580, 620, 600];
    const v = detectSpike(counts, { ratio: 5 });
    expect(v).toMatchObject({ spike: true, rate: 600 });
    if (v.spike) expect(v.baseline).toBeCloseTo(100, 0);
  });

  it('does not flag a rise to 3× the baseline', () => {
    expect(detectSpike([...flat(60, 100), 300, 300, 300])).toMatchObject({ spike: false, reason: 'within_baseline' });
  });

  it('ignores a quiet service going from 1 to 20 requests a minute (below minRate)', () => {
    expect(detectSpike([...flat(60, 1), 20, 20, 20])).toMatchObject({ spike: false, reason: 'below_min_rate' });
  });

  it('waits for enough history before judging', () => {
    expect(detectSpike([...flat(10, 5), 900, 900, 900])).toMatchObject({ spike: false, reason: 'not_enough_history' });
  });

  it('uses the median so an earlier burst does not raise the baseline', () => {
    const counts = [...flat(50, 50), ...flat(10, 5000), 400, 400, 400];
    expect(detectSpike(counts)).toMatchObject({ spike: true, baseline: 50 });
  });

  it('treats negative and non-finite counts as zero instead of failing', () => {
    const counts = [...flat(40, 0), Number.NaN, -5, Number.POSITIVE_INFINITY, 200, 200, 200];
    expect(detectSpike(counts)).toMatchObject({ spike: true, baseline: 0, rate: 200 });
  });
});
