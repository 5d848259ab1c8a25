/**
 * bad_automation: outdated browsers, HTTP libraries and headless clients fetching pages meant for
 * browsers, without the assets a browser loads. A supporting signal: the recommendation is capped at
 * `monitor`, it never bans on its own.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minPages: Type.Integer({ default: 30, minimum: 1, description: 'Page requests (24 h).' }),
    minAutomationShare: Type.Number({
      default: 0.8,
      minimum: 0,
      maximum: 1,
      description: 'Share of requests with an automation user agent.',
    }),
    minDistinctPaths: Type.Integer({
      default: 10,
      minimum: 1,
      description: 'Distinct paths (a monitor polling one URL is not this).',
    }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const badAutomationDetector = {
  id: 'bad_automation',
  description: 'Outdated browsers, HTTP libraries and headless clients on pages meant for browsers (monitor only).',
  categories: ['bad_automation'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minPages = ctx.atLeast(config.minPages);
    const minPaths = ctx.atLeast(config.minDistinctPaths);
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        for (const ks of ev.touched('ip')) {
          if (ks.pageN < minPages) continue;
          // A headless browser loads assets like a person; its user agent is the tell.
          const headless = ks.ua?.family?.toLowerCase().includes('headless') === true;
          if (!headless && ks.staticN > 0.05 * ks.pageN) continue;
          const automation = (ks.libraryUaN + ks.outdatedUaN + ks.missingUaN) / ks.n;
          if (automation < config.minAutomationShare && !headless) continue;
          if (ks.paths.estimate() < minPaths) continue;
          out.push({
            entity: entityOf(ks),
            category: 'bad_automation',
            signals: [
              headless
                ? signal(
                    'headless_browser',
                    ks.pageN,
                    '>=',
                    minPages,
                    0.35,
                    '24h',
                    'browser pages fetched by a headless browser',
                  )
                : signal(
                    'automation_user_agent',
                    automation,
                    '>=',
                    config.minAutomationShare,
                    0.3,
                    '24h',
                    'share of requests from a library, outdated browser or missing user agent',
                  ),
              signal(
                'pages',
                ks.pageN,
                '>=',
                minPages,
                0.2,
                '24h',
                headless ? 'browser pages fetched' : 'browser pages fetched without their static assets',
              ),
            ],
            confidence: confidenceFrom(ks.pageN, minPages),
            summary: `${ks.key} fetched ${ks.pageN} pages with ${ks.ua?.family ?? 'an automation client'}${headless ? '' : ' and no assets'}: automation on browser pages (monitor).`,
            stats: ks,
            maxAction: 'monitor',
          });
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
