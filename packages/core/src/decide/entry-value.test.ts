import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { normalizeEntryValue } from './entry-value.js';
import { escalatedTtl } from './escalation.js';

describe('normalizeEntryValue', () => {
  it('normalizes addresses, networks, ASNs and countries', () => {
    const vals = ['::ffff:192.0.2.1', '2001:DB8:0:0::/64', 'as13335', '13335', 'de'].map((v, i) =>
      normalizeEntryValue(i === 3 ? 'asn' : undefined, v),
    );
    expect(vals).toEqual([
      { ok: true, kind: 'ip', value: '192.0.2.1' },
      { ok: true, kind: 'cidr', value: '2001:db8::/64' },
      { ok: true, kind: 'asn', value: 'AS13335' },
      { ok: true, kind: 'asn', value: 'AS13335' },
      { ok: true, kind: 'country', value: 'DE' },
    ]);
  });

  it('refuses shell metacharacters, newlines, host bits and unassigned country codes with a reason', () => {
    for (const bad of ['1.2.3.4;reboot', '1.2.3.4\n5.6.7.8', '192.0.2.1/24', 'QQ', 'Mozilla/5.0', 'AS0']) {
      const r = normalizeEntryValue(undefined, bad);
      expect(r.ok, bad).toBe(false);
    }
    expect(normalizeEntryValue('country', 'EU')).toMatchObject({ ok: false, reason: expect.stringMatching(/ISO/) });
  });

  it('keeps crawler families lower-case and API keys as given', () => {
    expect(normalizeEntryValue('crawler', 'GoogleBot')).toMatchObject({ ok: true, value: 'googlebot' });
    expect(normalizeEntryValue('api_key', 'Key_AbC')).toMatchObject({ ok: true, value: 'Key_AbC' });
    expect(normalizeEntryValue('api_key', 'a b').ok).toBe(false);
  });
});

describe('durations and escalation', () => {
  it('parses and formats durations', () => {
    expect(['90s', '30m', '6h', '7d', '2w', '0h', '1y', '6'].map(parseDuration)).toEqual([
      90,
      1800,
      21600,
      604800,
      1209600,
      undefined,
      undefined,
      undefined,
    ]);
    expect([3600, 5400, 86400 * 7, 61].map(formatDuration)).toEqual(['1h', '90m', '1w', '61s']);
  });

  it('walks the ladder and stays on its last step', () => {
    const policy = { ladderSeconds: [3600, 21600, 86400], lookbackSeconds: 86400 * 30 };
    expect([0, 1, 2, 3, 9].map((n) => escalatedTtl(policy, n))).toEqual([3600, 21600, 86400, 86400, 86400]);
  });
});
