/**
 * Rampart protecting itself: a password-guessing run against its own log-in, as the RequestEvents the
 * team code hands out for failed log-ins, goes through the real detection engine and comes out as a
 * brute_force finding on the guessing address — while an ordinary person's two typos do not.
 */
import { configFromObject, detectFindings, type RequestEvent } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceMatcher } from '../../packages/core/src/detect/services.js';
import { createFixtureEnricher, readNetLines } from '../../packages/core/src/detect/testing/fixture-enrichment.js';
import { logIn } from '../../packages/server/src/team/team-login.js';
import { activeUser, cleanupTeamDirs, HOUR, openTeamFixture, T0, type TeamFixture } from './team-fixture.js';

let f: TeamFixture;
afterEach(async () => {
  await f?.close();
  cleanupTeamDirs();
});

function detect(events: readonly RequestEvent[]) {
  const config = configFromObject({});
  const enrich = createFixtureEnricher(
    readNetLines(['# net: 198.51.100.20 14061 hosting US', '# net: 192.0.2.10 3320 residential DE']),
    createServiceMatcher(config.detect).serviceOf,
  );
  return detectFindings(events.map(enrich), config.detect);
}

describe('failed log-ins as events', () => {
  it('turn a guessing run against many accounts into a brute_force finding on the guessing address', async () => {
    f = openTeamFixture();
    await activeUser(f, 'v@example.com', 'viewer', 'violet tractor sings');
    const events: RequestEvent[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await logIn(
        f.team,
        {
          email: i % 4 === 0 ? 'v@example.com' : `user${i % 50}@example.com`,
          password: `guess-${i}`,
          address: '198.51.100.20',
          userAgent: 'python-requests/2.31',
          now: T0 + HOUR + i * 3000,
        },
        (e) => events.push(e),
      );
      expect(r.ok).toBe(false);
    }
    expect(events).toHaveLength(200);
    expect(new Set(events.map((e) => e.status))).toEqual(new Set([401, 429]));
    const findings = detect(events).filter((x) => x.category === 'brute_force');
    expect(findings.map((x) => `${x.entity.kind}:${x.entity.value}`)).toContain('ip:198.51.100.20');
  });

  it('do not flag a person who mistypes twice and then logs in', async () => {
    f = openTeamFixture();
    await activeUser(f, 'v@example.com', 'viewer', 'violet tractor sings');
    const events: RequestEvent[] = [];
    const at = (password: string, now: number) => ({
      email: 'v@example.com',
      password,
      address: '192.0.2.10',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
      now,
    });
    await logIn(f.team, at('violet tractor sing', T0 + HOUR), (e) => events.push(e));
    await logIn(f.team, at('violet tractr sings', T0 + HOUR + 8000), (e) => events.push(e));
    expect((await logIn(f.team, at('violet tractor sings', T0 + HOUR + 15_000), (e) => events.push(e))).ok).toBe(true);
    expect(events).toHaveLength(2);
    expect(detect(events).filter((x) => x.category === 'brute_force')).toEqual([]);
  });
});
