/**
 * flood: request rate far above the service's norm, from one address, one /24 (or /64), or the service
 * as a whole (many sources: reported as a campaign of the heaviest sources of the flooded minutes).
 * The per-source norm is the service's requests per active client per minute; an address carrying many
 * people (many user agents) gets a proportionally higher threshold so CGNAT gateways are spared.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';
import { KeyStats } from '../../engine/key-stats.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minPerMinute: Type.Integer({
      default: 240,
      minimum: 1,
      description: 'Requests in one minute from one source, at least.',
    }),
    factor: Type.Number({ default: 30, minimum: 1, description: 'Times the service’s per-client rate per minute.' }),
    serviceMinPerMinute: Type.Integer({
      default: 600,
      minimum: 1,
      description: 'Service-wide requests per minute, at least.',
    }),
    serviceFactor: Type.Number({
      default: 5,
      minimum: 1,
      description: 'Times the service’s median requests per minute.',
    }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const floodDetector = {
  id: 'flood',
  description: 'Request rates far above the service’s norm, from one source, one prefix or many sources.',
  categories: ['flood'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minRate = ctx.atLeast(config.minPerMinute);
    const minService = ctx.atLeast(config.serviceMinPerMinute);
    const campaign = { stats: undefined as KeyStats | undefined, ips: new Set<string>(), start: 0, lastMinute: -10 };
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        const perClient = ev.baseline.perClientRate();
        const base = Math.max(minRate, ctx.atLeast(config.factor) * perClient);
        for (const kind of ['ip', 'subnet'] as const) {
          for (const ks of ev.touched(kind)) {
            if (ks.peakMin < base) continue;
            const people = Math.max(1, ks.uas.estimate() / 4);
            const threshold = base * people * (kind === 'subnet' ? 2 : 1);
            if (ks.peakMin < threshold) continue;
            if (kind === 'subnet' && ks.memberCount() < 2) continue;
            out.push({
              entity: entityOf(ks),
              category: 'flood',
              signals: [
                signal('requests_1m', ks.peakMin, '>=', threshold, 0.7, '1m', 'peak requests in one minute'),
                signal(
                  'times_client_norm',
                  ks.peakMin / Math.max(1, perClient),
                  '>=',
                  config.factor,
                  0.3,
                  '1m',
                  'peak rate over the service’s requests per client per minute',
                ),
              ],
              confidence: confidenceFrom(ks.peakMin, 60),
              summary: `${ks.key} sent ${ks.peakMin} requests in one minute, ${Math.round(ks.peakMin / Math.max(1, perClient))}× the service's per-client norm.`,
              stats: ks,
            });
          }
        }
        const rate = ev.baseline.robust(ev.baseline.reqPerMinute);
        const minute = Math.floor(ev.now / 60_000) - 1;
        const current = ev.baseline.reqPerMinute[((minute % 1440) + 1440) % 1440]!;
        const threshold = Math.max(
          minService,
          ctx.atLeast(config.serviceFactor) * rate.median,
          rate.median + 20 * rate.mad,
        );
        if (rate.samples >= 30 && current >= threshold) {
          const stats = campaign.stats ?? new KeyStats('ip', `flood:${ctx.service}`, Math.floor(ev.now / 1000) - 60);
          campaign.stats = stats;
          stats.n += current;
          stats.last = Math.floor(ev.now / 1000);
          // An episode: flooded minutes no more than two apart.
          if (minute - campaign.lastMinute > 2) campaign.start = minute * 60;
          campaign.lastMinute = minute;
          // Members: sources active in the flooded minute that appeared with the episode and load no assets
          // (people load them; a botnet spreads its rate so thin that each member looks slow).
          const heavy = ev
            .touched('ip')
            .filter(
              (k) =>
                k.minIdx === minute && k.first >= campaign.start - 120 && k.staticN === 0 && k.crawlerVerifiedN === 0,
            );
          for (const k of heavy) if (campaign.ips.size < 5000) campaign.ips.add(k.addr);
          if (campaign.ips.size > 0) {
            out.push({
              entity: { kind: 'campaign', value: `flood:${ctx.service}` },
              category: 'flood',
              signals: [
                signal(
                  'service_requests_1m',
                  current,
                  '>=',
                  threshold,
                  0.6,
                  '1m',
                  'requests to the service in one minute',
                ),
                signal(
                  'times_service_median',
                  current / Math.max(1, rate.median),
                  '>=',
                  config.serviceFactor,
                  0.3,
                  '24h',
                  'over the service’s median requests per minute',
                ),
              ],
              confidence: confidenceFrom(rate.samples, 60),
              summary: `The service received ${current} requests in one minute (median ${rate.median}); ${campaign.ips.size} sources that appeared with the flood and load no assets listed.`,
              stats,
              ips: [...campaign.ips].sort(),
            });
          }
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
