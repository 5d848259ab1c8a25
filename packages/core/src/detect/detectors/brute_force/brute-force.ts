/**
 * brute_force: many failed authentications from one source against auth endpoints, fast (10-minute
 * peak) or slow (over the day). The failure share keeps NATs and people who mistype a password apart:
 * their successful logins dilute the failures.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, signal } from '../../detector.js';
import type { Signal } from '../../finding.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minFailures10m: Type.Integer({ default: 10, minimum: 1, description: 'Failed logins within 10 minutes.' }),
    minFailures24h: Type.Integer({
      default: 25,
      minimum: 1,
      description: 'Failed logins over the day (slow brute force).',
    }),
    minFailureShare: Type.Number({
      default: 0.6,
      minimum: 0,
      maximum: 1,
      description: 'Share of auth attempts that failed.',
    }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const bruteForceDetector = {
  id: 'brute_force',
  description: 'Many failed authentications from one source against auth endpoints.',
  categories: ['brute_force'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const fast = ctx.atLeast(config.minFailures10m);
    const slow = ctx.atLeast(config.minFailures24h);
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        for (const ks of ev.touched('ip')) {
          if (ks.authFails < fast && ks.authFails < slow) continue;
          const share = ks.authFails / Math.max(1, ks.authAttempts);
          if (share < config.minFailureShare) continue;
          const signals: Signal[] = [];
          if (ks.peakTenFails >= fast) {
            signals.push(
              signal('auth_failures_10m', ks.peakTenFails, '>=', fast, 0.6, '10m', 'failed logins within 10 minutes'),
            );
          }
          if (ks.authFails >= slow) {
            signals.push(
              signal('auth_failures_24h', ks.authFails, '>=', slow, 0.5, '24h', 'failed logins over the day'),
            );
          }
          if (signals.length === 0) continue;
          signals.push(
            signal(
              'auth_failure_share',
              share,
              '>=',
              config.minFailureShare,
              0.3,
              '24h',
              'share of auth attempts that failed',
            ),
          );
          out.push({
            entity: { kind: 'ip', value: ks.key },
            category: 'brute_force',
            signals,
            confidence: confidenceFrom(ks.authFails, 10),
            summary: `${ks.key} failed ${ks.authFails} of ${ks.authAttempts} login attempts (peak ${ks.peakTenFails} in 10 minutes).`,
            stats: ks,
          });
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
