/**
 * data_exfiltration: bytes sent to one address, API key or user far above the service's norm for one
 * client (the 99th percentile of per-key totals, learned from the same day), or heavy use of export
 * endpoints.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';
import type { Signal } from '../../finding.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minBytes: Type.Number({ default: 50_000_000, minimum: 1, description: 'Bytes out (24 h), at least.' }),
    factor: Type.Number({ default: 10, minimum: 1, description: 'Times the 99th percentile of per-key bytes.' }),
    minExports: Type.Integer({ default: 20, minimum: 1, description: 'Export / download endpoint calls (24 h).' }),
    minKeys: Type.Integer({
      default: 50,
      minimum: 1,
      description: 'Keys in the table before its percentile is trusted.',
    }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

const MB = 1_000_000;

export const dataExfiltrationDetector = {
  id: 'data_exfiltration',
  description: 'Bytes out far above the service’s per-client norm, or heavy export use, per address, key and user.',
  categories: ['data_exfiltration'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minBytes = ctx.atLeast(config.minBytes);
    const minExports = ctx.atLeast(config.minExports);
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        for (const kind of ['ip', 'api_key', 'user'] as const) {
          const table = ev.table(kind);
          const p99 = table.size >= config.minKeys ? table.bytes.quantile(0.99) : 0;
          const threshold = Math.max(minBytes, ctx.atLeast(config.factor) * p99);
          for (const ks of ev.touched(kind)) {
            const signals: Signal[] = [];
            // An address carrying many people (CGNAT, office NAT) is compared per person.
            const people = kind === 'ip' ? Math.max(1, ks.uas.estimate() / 4) : 1;
            if (ks.bytes >= threshold * people) {
              signals.push(
                signal(
                  'bytes_out',
                  ks.bytes,
                  '>=',
                  threshold * people,
                  0.6,
                  '24h',
                  `bytes sent (the service's 99th percentile per ${kind}: ${(p99 / MB).toFixed(1)} MB)`,
                ),
              );
            }
            if (ks.exportN >= minExports && ks.bytes >= minBytes / 5) {
              signals.push(
                signal(
                  'export_calls',
                  ks.exportN,
                  '>=',
                  minExports,
                  0.4,
                  '24h',
                  'calls to export / download endpoints',
                ),
              );
            }
            if (signals.length === 0) continue;
            out.push({
              entity: entityOf(ks),
              category: 'data_exfiltration',
              signals,
              confidence: confidenceFrom(ks.n, 20),
              summary: `${ks.key} received ${(ks.bytes / MB).toFixed(1)} MB in ${ks.n} requests (${ks.exportN} export calls); a typical heavy client gets ${(p99 / MB).toFixed(1)} MB.`,
              stats: ks,
            });
          }
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
