import { describe, expect, it } from 'vitest';
import { ClfTimeReader, epochToMs, parseAnyTime, parseClfTime, parseIsoTime } from './timestamps.js';

describe('timestamps', () => {
  it('reads CLF with offsets, fractions and no offset (UTC)', () => {
    expect(parseClfTime('10/Oct/2000:13:55:36 -0700')).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    expect(parseClfTime('06/Feb/2009:12:14:14.655')).toBe(Date.UTC(2009, 1, 6, 12, 14, 14, 655));
    expect(parseClfTime('29/Feb/2024:00:00:00 +0000')).toBe(Date.UTC(2024, 1, 29));
  });

  it('rejects impossible dates, hours, minutes, months and trailing junk', () => {
    for (const bad of [
      '29/Feb/2023:00:00:00 +0000',
      '31/Apr/2023:00:00:00 +0000',
      '10/Oct/2000:24:00:00 +0000',
      '10/Oct/2000:13:60:00 +0000',
      '10/Okt/2000:13:55:36 +0000',
      '10/Oct/2000:13:55:36 +0000 x',
      '10/Oct/2000:13:55:36 +2500',
    ]) {
      expect(parseClfTime(bad), bad).toBeNaN();
    }
  });

  it('reads the same values through the hour cache as without it, and still rejects bad minutes', () => {
    const r = new ClfTimeReader();
    const texts = ['10/Oct/2000:13:55:36 -0700', '10/Oct/2000:13:59:59 -0700', '10/Oct/2000:13:00:00 +0000'];
    for (const t of texts) expect(r.parse(t)).toBe(parseClfTime(t));
    expect(r.parse('10/Oct/2000:13:61:00 +0000')).toBeNaN();
    expect(r.parse('10/Oct/2000:13:5x:00 +0000')).toBeNaN();
  });

  it('reads ISO 8601 with Z, offsets, fractions and a space separator', () => {
    expect(parseIsoTime('2023-04-26T12:22:55.463821Z')).toBe(Date.UTC(2023, 3, 26, 12, 22, 55, 463));
    expect(parseIsoTime('2024-05-01T10:00:00+02:00')).toBe(Date.UTC(2024, 4, 1, 8));
    expect(parseIsoTime('2024-05-01 10:00:00')).toBe(Date.UTC(2024, 4, 1, 10));
    expect(parseIsoTime('2023-02-29T00:00:00Z')).toBeNaN();
  });

  it('guesses the unit of epoch numbers by magnitude', () => {
    const ms = 1_700_000_000_123;
    expect(epochToMs(1_700_000_000.123)).toBe(ms);
    expect(epochToMs(ms)).toBe(ms);
    expect(epochToMs(ms * 1000)).toBe(ms);
    expect(epochToMs(ms * 1e6)).toBe(ms);
    expect(epochToMs(-1)).toBeNaN();
    expect(parseAnyTime('1700000000.123')).toBe(ms);
    expect(parseAnyTime('1.7e9')).toBeNaN();
  });
});
