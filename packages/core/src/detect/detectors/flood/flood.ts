/**
 * flood: request rate far above the service's norm, from one address, one /24 (or /64), or the service
 * as a whole (many sources: reported as a campaign of the heaviest sources of the flooded minutes).
 * The per-source norm is the service's requests per active client per minute; an address carrying many
 * people (many user agents) gets a proportionally higher threshold so CGNAT gateways are spared.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';
import { KeyStats } from '../../engine/key-stats.js';
import type { Signal } from '../../finding.js';

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
    const campaign = {
      stats: undefined as KeyStats | undefined,
      members: new Map<string, KeyStats>(),
      start: 0,
      lastMinute: -10,
      signals: [] as Signal[],
      summary: '',
      confidence: 0,
    };
    const campaignCandidate = (): Candidate | undefined => {
      const ips = [...campaign.members].filter(([, k]) => k.staticN === 0 && k.refererN === 0).map(([addr]) => addr);
      if (ips.length === 0 || campaign.stats === undefined) return undefined;
      return {
        entity: { kind: 'campaign', value: `flood:${ctx.service}` },
        category: 'flood',
        signals: campaign.signals,
        confidence: campaign.confidence,
        summary: `${campaign.summary}; ${ips.length} sources that appeared with the flood and load no assets listed.`,
        stats: campaign.stats,
        ips: ips.sort(),
      };
    };
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
          // and send no Referer (people navigating do both; a botnet spreads its rate so thin that each member looks slow).
          for (const k of ev.touched('ip')) {
            if (k.minIdx !== minute || k.first < campaign.start - 120 || k.staticN > 0 || k.crawlerVerifiedN > 0)
              continue;
            if (campaign.members.size < 5000) campaign.members.set(k.addr, k);
          }
          campaign.signals = [
            signal('service_requests_1m', current, '>=', threshold, 0.6, '1m', 'requests to the service in one minute'),
            signal(
              'times_service_median',
              current / Math.max(1, rate.median),
              '>=',
              config.serviceFactor,
              0.3,
              '24h',
              'over the service’s median requests per minute',
            ),
          ];
          campaign.summary = `The service received ${current} requests in one minute (median ${rate.median})`;
          campaign.confidence = confidenceFrom(rate.samples, 60);
          const c = campaignCandidate();
          if (c !== undefined) out.push(c);
        } else if (campaign.stats !== undefined && (ev.final || minute - campaign.lastMinute === 10)) {
          // After the episode (and at the end of input): members who have since loaded assets were people.
          const c = campaignCandidate();
          if (c !== undefined) out.push(c);
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
