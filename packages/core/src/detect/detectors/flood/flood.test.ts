import { describe, expect, it } from 'vitest';
import { fixtureCases, runFixture } from '../../testing/run-fixtures.js';

describe('flood detector (golden fixtures)', () => {
  for (const c of fixtureCases(new URL('./fixtures/', import.meta.url))) {
    it(c.description, () => {
      const r = runFixture(c, 'flood');
      expect(r.parseErrors).toBe(0);
      expect(r.actual).toEqual(c.expected);
    });
  }
});

describe('flood campaign members', () => {
  it('lists only the botnet addresses, not the people browsing during the flood', () => {
    const c = fixtureCases(new URL('./fixtures/', import.meta.url)).find((x) => x.name === 'fires-distributed-botnet')!;
    const f = runFixture(c, 'flood').findings.find((x) => x.entity.kind === 'campaign')!;
    expect(f.ips!.length).toBeGreaterThan(150);
    expect(f.ips!.every((ip) => ip.startsWith('77.'))).toBe(true);
  });
});
