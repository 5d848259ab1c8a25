/**
 * crawler_impersonation: a user agent that declares a known crawler (Googlebot, Bingbot…) from an
 * address that failed the operator's verification (published ranges, ASN or forward-confirmed reverse
 * DNS). Addresses that could not be checked (verdict undefined) are not reported.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minRequests: Type.Integer({
      default: 3,
      minimum: 1,
      description: 'Requests with a crawler UA that failed verification by published ranges / ASN.',
    }),
    minRequestsRdns: Type.Integer({
      default: 1,
      minimum: 1,
      description: 'Requests, when forward-confirmed reverse DNS also failed (stronger evidence).',
    }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const crawlerImpersonationDetector = {
  id: 'crawler_impersonation',
  description: 'Declared crawler user agents from addresses that fail the crawler operator’s verification.',
  categories: ['crawler_impersonation'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minRanges = Math.max(1, Math.round(ctx.atLeast(config.minRequests)));
    const minRdns = Math.max(1, Math.round(ctx.atLeast(config.minRequestsRdns)));
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        for (const ks of ev.touched('ip')) {
          // Published ranges go stale (a crawler's old address, a reassigned block): a range/ASN miss
          // needs a few requests; a failed forward-confirmed reverse DNS check is enough alone.
          const rdns = ks.crawler?.method === 'rdns';
          const min = rdns ? minRdns : minRanges;
          if (ks.crawlerUnverifiedN < min) continue;
          const family = ks.crawler?.family ?? 'crawler';
          const share = ks.crawlerUnverifiedN / ks.n;
          const signals = [
            signal(
              'unverified_crawler_requests',
              ks.crawlerUnverifiedN,
              '>=',
              min,
              rdns ? 0.8 : 0.65,
              '24h',
              `requests declaring ${family} from an address that failed verification (${ks.crawler?.method ?? 'none'})`,
            ),
          ];
          if (share >= 0.5)
            signals.push(
              signal(
                'impersonation_share',
                share,
                '>=',
                0.5,
                0.3,
                '24h',
                'share of the address’s requests declaring the crawler',
              ),
            );
          out.push({
            entity: entityOf(ks),
            category: 'crawler_impersonation',
            signals,
            confidence: confidenceFrom(ks.crawlerUnverifiedN, 3),
            summary: `${ks.key} claims to be ${family} in ${ks.crawlerUnverifiedN} request(s) but is not in ${family}'s published ranges or reverse DNS.`,
            stats: ks,
          });
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
