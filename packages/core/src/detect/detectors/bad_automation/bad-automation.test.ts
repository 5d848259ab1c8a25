import { describe, expect, it } from 'vitest';
import { fixtureCases, runFixture } from '../../testing/run-fixtures.js';

describe('bad_automation detector (golden fixtures)', () => {
  for (const c of fixtureCases(new URL('./fixtures/', import.meta.url))) {
    it(c.description, () => {
      const r = runFixture(c, 'bad_automation');
      expect(r.parseErrors).toBe(0);
      expect(r.actual).toEqual(c.expected);
    });
  }
});
