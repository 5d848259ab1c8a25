/**
 * enumeration: walking identifiers or cursors — consecutive ids on one path template (`/users/1..N`),
 * deep `?page=` / `?offset=` pagination, long `?cursor=` chains — per address, per API key and per user.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, entityOf, signal } from '../../detector.js';
import type { Signal } from '../../finding.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minSequentialSteps: Type.Integer({
      default: 60,
      minimum: 1,
      description: 'Steps to a neighbouring id on one template.',
    }),
    minSequentialShare: Type.Number({
      default: 0.5,
      minimum: 0,
      maximum: 1,
      description: 'Share of id requests that step to a neighbour.',
    }),
    minPageDepth: Type.Integer({ default: 100, minimum: 1, description: 'Deepest page / offset number.' }),
    minCursorPages: Type.Integer({ default: 100, minimum: 1, description: 'Distinct pagination cursors followed.' }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const enumerationDetector = {
  id: 'enumeration',
  description: 'Walking identifiers, deep pagination and cursor chains, per address, API key and user.',
  categories: ['enumeration'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minSteps = ctx.atLeast(config.minSequentialSteps);
    const minDepth = ctx.atLeast(config.minPageDepth);
    const minCursor = ctx.atLeast(config.minCursorPages);
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        for (const kind of ['ip', 'api_key', 'user'] as const) {
          for (const ks of ev.touched(kind)) {
            const signals: Signal[] = [];
            const share = ks.idN === 0 ? 0 : ks.seqSteps / ks.idN;
            if (ks.seqSteps >= minSteps && share >= config.minSequentialShare) {
              signals.push(
                signal(
                  'sequential_ids',
                  ks.seqSteps,
                  '>=',
                  minSteps,
                  0.6,
                  '24h',
                  'requests stepping to a neighbouring id on the same path template',
                ),
              );
            }
            if (ks.maxPage >= minDepth)
              signals.push(
                signal('page_depth', ks.maxPage, '>=', minDepth, 0.5, '24h', 'deepest page / offset requested'),
              );
            // Distinct cursors: an integration re-reading the first pages of a feed follows the same few.
            const cursors = ks.cursors?.estimate() ?? 0;
            if (cursors >= minCursor) {
              signals.push(
                signal(
                  'distinct_cursors',
                  cursors,
                  '>=',
                  minCursor,
                  0.5,
                  '24h',
                  'distinct pagination cursors followed',
                ),
              );
            }
            if (signals.length === 0) continue;
            out.push({
              entity: entityOf(ks),
              category: 'enumeration',
              signals,
              confidence: confidenceFrom(ks.n, 50),
              summary: `${ks.key} walked ${ks.seqSteps} consecutive ids, paged to depth ${Math.max(0, ks.maxPage)} and followed ${ks.cursorN} cursors in ${ks.n} requests.`,
              stats: ks,
            });
          }
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
