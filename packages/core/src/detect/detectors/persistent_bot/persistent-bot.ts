/**
 * persistent_bot: a client that never sleeps — active in nearly every hour of the last 24 while
 * behaving like automation (no assets, automation user agent), or polling at an unnaturally regular
 * interval (a person's gaps vary widely, a cron job's hardly at all). Shared addresses (many user agents)
 * and authenticated API integrations (judged by api_key_abuse against their own history) are skipped.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';
import type { Signal } from '../../finding.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minActiveHours: Type.Integer({
      default: 20,
      minimum: 1,
      maximum: 24,
      description: 'Active hours out of the last 24.',
    }),
    maxIntervalCv: Type.Number({
      default: 0.15,
      minimum: 0,
      description: 'Coefficient of variation of the gaps, at most.',
    }),
    minGaps: Type.Integer({ default: 120, minimum: 10, description: 'Gaps measured before pacing is judged.' }),
    minRequests: Type.Integer({ default: 100, minimum: 1, description: 'Requests (24 h), at least.' }),
    minSpanHours: Type.Number({
      default: 6,
      minimum: 0,
      description: 'Hours between first and last request before regular pacing counts.',
    }),
    maxUserAgents: Type.Integer({
      default: 6,
      minimum: 1,
      description: 'More distinct user agents means a shared address.',
    }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const persistentBotDetector = {
  id: 'persistent_bot',
  description: 'Clients active around the clock or polling at an unnaturally regular interval.',
  categories: ['persistent_bot'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minHours = Math.min(24, Math.round(ctx.atLeast(config.minActiveHours)));
    const maxCv = ctx.atMost(config.maxIntervalCv);
    const minGaps = ctx.atLeast(config.minGaps);
    const minRequests = ctx.atLeast(config.minRequests);
    const minSpan = ctx.atLeast(config.minSpanHours) * 3600;
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        for (const ks of ev.touched('ip')) {
          if (ks.n < minRequests || ks.uas.estimate() > config.maxUserAgents) continue;
          if (ks.apiKeyN >= ks.n / 2) continue;
          // A self-declared crawler or feed reader that cannot be verified either way runs all day by nature;
          // impersonation is crawler_impersonation's business.
          if (ks.crawlerDeclaredN >= ks.n / 2 && ks.crawlerUnverifiedN === 0) continue;
          const signals: Signal[] = [];
          const hours = ks.activeHours();
          const uaAutomation = ks.libraryUaN + ks.missingUaN + ks.scannerUaN >= ks.n / 2;
          const automated = uaAutomation || ks.staticN <= 0.05 * ks.n;
          // Round-the-clock machine clients are normal on APIs; never sleeping on content pages is not.
          if (hours >= minHours && automated && ks.pageN >= ks.n / 2) {
            signals.push(
              signal('active_hours', hours, '>=', minHours, 0.5, '24h', 'hours of the last 24 with requests'),
            );
          }
          const cv = ks.gapCv();
          // Regular pacing alone could be a browser tab polling for a while: it needs an automation UA or the clock.
          const long = ks.last - ks.first >= minSpan;
          if (long && ks.gapN >= minGaps && cv <= maxCv && (uaAutomation || hours >= minHours)) {
            signals.push(
              signal(
                'regular_interval',
                cv,
                '<=',
                maxCv,
                0.5,
                '24h',
                `coefficient of variation of the gaps (mean gap ${Math.round(ks.gapMean)} s)`,
              ),
            );
          }
          if (signals.length === 0) continue;
          if (automated)
            signals.push(
              signal(
                'automation_profile',
                ks.staticN / ks.n,
                '<=',
                0.05,
                0.2,
                '24h',
                'static assets per request (people load them)',
              ),
            );
          out.push({
            entity: entityOf(ks),
            category: 'persistent_bot',
            signals,
            confidence: confidenceFrom(ks.gapN, 60),
            summary: `${ks.key} was active in ${hours} of the last 24 hours with ${ks.n} requests, gaps averaging ${Math.round(ks.gapMean)} s (variation ${Number.isNaN(cv) ? 'n/a' : cv.toFixed(2)}).`,
            stats: ks,
          });
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
