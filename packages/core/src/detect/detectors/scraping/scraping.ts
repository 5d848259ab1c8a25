/**
 * scraping: systematic fetching of content pages — many pages without the static assets the service's
 * people load, a high unique-path ratio, sequential identifiers, steady pacing — from one address, or
 * from a pool of addresses sharing a fingerprint (same user agent and path template, none loading
 * assets; e.g. a residential proxy pool), reported as a campaign listing its members.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';
import type { KeyStats } from '../../engine/key-stats.js';
import { F_PAGE } from '../../features/event-features.js';
import type { Signal } from '../../finding.js';
import { PoolTracker } from './scraping-pools.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minPages: Type.Integer({ default: 80, minimum: 1, description: 'Page requests (24 h) from one address.' }),
    maxStaticShare: Type.Number({
      default: 0.05,
      minimum: 0,
      maximum: 1,
      description: 'Static assets per page, at most.',
    }),
    minHumanStaticShare: Type.Number({
      default: 0.5,
      minimum: 0,
      maximum: 1,
      description: 'The service’s people load assets at least this often (else the asset signal is off).',
    }),
    minUniqueRatio: Type.Number({ default: 0.6, minimum: 0, maximum: 1, description: 'Distinct paths per request.' }),
    maxPacingCv: Type.Number({
      default: 0.5,
      minimum: 0,
      description: 'Coefficient of variation of the gaps, at most.',
    }),
    minPoolMembers: Type.Integer({ default: 15, minimum: 2, description: 'Addresses in a fingerprint pool.' }),
    minPoolPages: Type.Integer({ default: 150, minimum: 1, description: 'Page requests of a pool.' }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const scrapingDetector = {
  id: 'scraping',
  description: 'Systematic page fetching without assets, from one address or a pool sharing a fingerprint.',
  categories: ['scraping'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minPages = ctx.atLeast(config.minPages);
    const maxCv = ctx.atMost(config.maxPacingCv);
    const pools = new PoolTracker(
      ctx.atLeast(config.minPoolMembers),
      ctx.atLeast(config.minPoolPages),
      config.minUniqueRatio,
    );
    const assetless = (ks: KeyStats) => ks.staticN <= config.maxStaticShare * ks.pageN;
    return {
      observe(e, f, ip) {
        if (f.flags & F_PAGE && ip.crawlerVerifiedN === 0 && ip.staticN === 0) pools.observe(e, f, ip);
      },
      evaluate(ev) {
        const out: Candidate[] = [];
        const humanShare = ev.baseline.humanStaticShare();
        const assetsExpected = humanShare >= config.minHumanStaticShare;
        for (const ks of ev.touched('ip')) {
          if (ks.pageN < minPages || !assetless(ks)) continue;
          const signals: Signal[] = [];
          if (assetsExpected) {
            signals.push(
              signal(
                'no_static_assets',
                ks.staticN / ks.pageN,
                '<=',
                config.maxStaticShare,
                0.4,
                '24h',
                `static assets per page (the service's people: ${humanShare.toFixed(2)} load them)`,
              ),
            );
          }
          const unique = Math.min(1, ks.paths.estimate() / ks.n);
          if (unique >= config.minUniqueRatio)
            signals.push(
              signal(
                'unique_path_ratio',
                unique,
                '>=',
                config.minUniqueRatio,
                0.3,
                '24h',
                'distinct paths per request',
              ),
            );
          const seq = ks.idN >= 30 ? ks.seqSteps / ks.idN : 0;
          if (seq >= 0.5)
            signals.push(
              signal(
                'sequential_ids',
                seq,
                '>=',
                0.5,
                0.35,
                '24h',
                'share of id requests that step to a neighbouring id',
              ),
            );
          const cv = ks.gapCv();
          if (cv <= maxCv)
            signals.push(
              signal(
                'steady_pacing',
                cv,
                '<=',
                maxCv,
                0.25,
                '24h',
                'coefficient of variation of the gaps between requests',
              ),
            );
          if (ks.libraryUaN + ks.outdatedUaN + ks.missingUaN >= 0.5 * ks.n) {
            signals.push(
              signal(
                'automation_user_agent',
                (ks.libraryUaN + ks.outdatedUaN + ks.missingUaN) / ks.n,
                '>=',
                0.5,
                0.15,
                '24h',
                'share of requests with a library, outdated or missing user agent',
              ),
            );
          }
          // Volume without assets is not enough: the pages must be many different ones (a crawl), not one
          // page polled (persistent_bot's business).
          if (!signals.some((s) => s.name === 'unique_path_ratio' || s.name === 'sequential_ids')) continue;
          if (!assetsExpected && signals.length < 2) continue;
          signals.unshift(signal('pages', ks.pageN, '>=', minPages, 0.2, '24h', 'content pages requested'));
          out.push({
            entity: entityOf(ks),
            category: 'scraping',
            signals,
            confidence: confidenceFrom(ks.pageN, minPages),
            summary: `${ks.key} fetched ${ks.pageN} pages (${ks.paths.estimate()} distinct) and ${ks.staticN} static assets.`,
            stats: ks,
          });
        }
        if (assetsExpected) out.push(...pools.evaluate(ev, ctx.service, assetless));
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
