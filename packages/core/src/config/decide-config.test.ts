import { describe, expect, it } from 'vitest';
import { escalationFromConfig } from '../decide/escalation.js';
import { configFromYaml } from './load-config.js';

describe('decide config', () => {
  it('defaults to the 1h → 6h → 24h → 7d ladder over 30 days and the documented thresholds', () => {
    const d = configFromYaml('').decide;
    expect(escalationFromConfig(d)).toEqual({ ladderSeconds: [3600, 21600, 86400, 604800], lookbackSeconds: 2592000 });
    expect(d.simulate).toEqual({ safeUnflaggedShare: 0.001, unsafeUnflaggedShare: 0.01 });
    expect(d.widen.minFlaggedAddressesPerPrefix).toBe(3);
    expect(d.crawlerFairRatePerMinute).toBe(60);
  });

  it('takes a custom ladder and names a bad duration', () => {
    const d = configFromYaml("decide:\n  escalation: ['10m', '2h']\n").decide;
    expect(escalationFromConfig(d).ladderSeconds).toEqual([600, 7200]);
    expect(() => configFromYaml("decide:\n  escalation: ['1 hour']\n")).toThrow(/decide\.escalation/);
    expect(() => configFromYaml('decide:\n  escalation: []\n')).toThrow(/decide\.escalation/);
  });
});
