/**
 * api_key_abuse: one API key used far beyond its own history (an hour far above its other hours) or
 * beyond its peers (far above the median key), or from many networks or countries at once (a leaked key;
 * impossible travel for a key).
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';
import type { Signal } from '../../finding.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minPeak10m: Type.Integer({
      default: 60,
      minimum: 1,
      description: 'Requests in the key’s busiest 10 minutes, at least.',
    }),
    historyFactor: Type.Number({
      default: 10,
      minimum: 1,
      description: 'Busiest 10 minutes over the key’s usual 10 minutes (from its other hours).',
    }),
    peerFactor: Type.Number({ default: 30, minimum: 1, description: 'Key’s requests over the median key’s.' }),
    minPeerRequests: Type.Integer({
      default: 5000,
      minimum: 1,
      description: 'Requests (24 h) before peers are compared.',
    }),
    minPeers: Type.Integer({ default: 5, minimum: 2, description: 'Keys in the service before peers are compared.' }),
    maxNetworks: Type.Integer({ default: 8, minimum: 1, description: 'Distinct ASNs using one key.' }),
    maxCountries: Type.Integer({ default: 5, minimum: 1, description: 'Distinct countries using one key.' }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const apiKeyAbuseDetector = {
  id: 'api_key_abuse',
  description: 'API keys used far beyond their own history or their peers, or from many networks at once.',
  categories: ['api_key_abuse'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minPeak = ctx.atLeast(config.minPeak10m);
    const minPeer = ctx.atLeast(config.minPeerRequests);
    const maxAsns = ctx.atLeast(config.maxNetworks);
    const maxCountries = ctx.atLeast(config.maxCountries);
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        const table = ev.table('api_key');
        const median = table.size >= config.minPeers ? table.requests.quantile(0.5) : Number.POSITIVE_INFINITY;
        for (const ks of ev.touched('api_key')) {
          const signals: Signal[] = [];
          const hours = ks.activeHours();
          // The key's own usual pace per 10 minutes, from its hours other than the busiest one.
          const usual10 = hours > 1 ? Math.max(1, (ks.n - ks.peakHour) / (hours - 1) / 6) : Number.POSITIVE_INFINITY;
          if (hours >= 3 && ks.peakTen >= minPeak && ks.peakTen >= config.historyFactor * usual10) {
            signals.push(
              signal(
                'rate_over_own_history',
                ks.peakTen / usual10,
                '>=',
                config.historyFactor,
                0.5,
                '10m',
                `busiest 10 minutes (${ks.peakTen} requests) over the key's usual 10 minutes (${usual10.toFixed(1)})`,
              ),
            );
          }
          if (ks.n >= minPeer && ks.n >= config.peerFactor * median) {
            signals.push(
              signal(
                'requests_over_peers',
                ks.n / median,
                '>=',
                config.peerFactor,
                0.45,
                '24h',
                "requests over the median key's",
              ),
            );
          }
          const asns = ks.asns?.estimate() ?? 0;
          const countries = ks.countries?.estimate() ?? 0;
          if (asns >= maxAsns)
            signals.push(signal('networks', asns, '>=', maxAsns, 0.5, '24h', 'distinct networks (ASNs) using the key'));
          if (countries >= maxCountries)
            signals.push(
              signal('countries', countries, '>=', maxCountries, 0.4, '24h', 'distinct countries using the key'),
            );
          if (signals.length === 0) continue;
          out.push({
            entity: entityOf(ks),
            category: 'api_key_abuse',
            signals,
            confidence: confidenceFrom(ks.n, 200),
            summary: `API key ${ks.key} made ${ks.n} requests (busiest 10 minutes ${ks.peakTen}) from ${ks.memberCount()} addresses in ${asns} networks and ${countries} countries.`,
            stats: ks,
            // The key's first address is its home (presumably its owner): the others are the ones to act on.
            ips: (ks.memberSample ?? []).length > 1 ? (ks.memberSample ?? []).slice(1) : (ks.memberSample ?? []),
          });
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
