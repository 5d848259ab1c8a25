/**
 * scanning: probes of sensitive and non-existent paths (dotfiles, backups, admin panels and WordPress
 * where the service serves neither, CVE entry points, traversal), bursts of 4xx over many distinct paths,
 * scanner user agents and request lines that are not HTTP at all — judged over the key's whole day, so
 * low-and-slow probing counts too.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, signal } from '../../detector.js';
import { SENSITIVE_CVE, SENSITIVE_TRAVERSAL } from '../../features/sensitive-paths.js';
import type { Signal } from '../../finding.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minSensitive: Type.Integer({
      default: 4,
      minimum: 1,
      description: 'Sensitive-path requests (24 h) that make a probe.',
    }),
    minErrorBurst: Type.Integer({
      default: 40,
      minimum: 1,
      description: '4xx answers within 10 minutes that make a burst.',
    }),
    minErrorShare: Type.Number({
      default: 0.6,
      minimum: 0,
      maximum: 1,
      description: 'Share of 4xx answers for a burst.',
    }),
    minDistinctPaths: Type.Integer({ default: 20, minimum: 1, description: 'Distinct paths a 4xx burst must span.' }),
    minMalformed: Type.Integer({
      default: 3,
      minimum: 1,
      description: 'Request lines that are not HTTP at all (24 h) that make a probe.',
    }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

export const scanningDetector = {
  id: 'scanning',
  description: 'Probes of sensitive, exploit and non-existent paths, 4xx bursts and scanner user agents.',
  categories: ['scanning'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minSensitive = ctx.atLeast(config.minSensitive);
    const minBurst = ctx.atLeast(config.minErrorBurst);
    const minPaths = ctx.atLeast(config.minDistinctPaths);
    const minMalformed = ctx.atLeast(config.minMalformed);
    return {
      evaluate(ev) {
        const out: Candidate[] = [];
        for (const ks of ev.touched('ip')) {
          if (ks.n === 0) continue;
          const signals: Signal[] = [];
          const exploit = (ks.sensitiveKinds & (SENSITIVE_CVE | SENSITIVE_TRAVERSAL)) !== 0;
          if (ks.sensitiveN >= minSensitive) {
            signals.push(
              signal(
                'sensitive_paths',
                ks.sensitiveN,
                '>=',
                minSensitive,
                0.6,
                '24h',
                'requests for sensitive or unserved admin/CMS paths',
              ),
            );
          }
          if (exploit) {
            signals.push(
              signal(
                'exploit_payload',
                1,
                '>=',
                1,
                0.55,
                '24h',
                'requests for known exploit entry points, payloads or path traversal',
              ),
            );
          }
          if (ks.scannerUaN > 0) {
            signals.push(
              signal(
                'scanner_user_agent',
                ks.scannerUaN,
                '>=',
                1,
                0.55,
                '24h',
                'requests with a vulnerability-scanner user agent',
              ),
            );
          }
          if (ks.malformedN >= minMalformed) {
            signals.push(
              signal(
                'malformed_requests',
                ks.malformedN,
                '>=',
                minMalformed,
                0.55,
                '24h',
                'request lines that are not HTTP (protocol probes, trojan beacons, binary payloads)',
              ),
            );
          }
          const errShare = ks.n4xx / ks.n;
          if (ks.peakTenErr >= minBurst && errShare >= config.minErrorShare && ks.paths.estimate() >= minPaths) {
            signals.push(
              signal(
                'error_burst',
                ks.peakTenErr,
                '>=',
                minBurst,
                0.45,
                '10m',
                '4xx answers within 10 minutes across many distinct paths',
              ),
            );
          }
          if (signals.length === 0) continue;
          if (ks.sensitiveN > 0 && signals.length > 0 && ks.sensitiveN / ks.n >= 0.3) {
            signals.push(
              signal(
                'sensitive_share',
                ks.sensitiveN / ks.n,
                '>=',
                0.3,
                0.2,
                '24h',
                'share of all requests that were probes',
              ),
            );
          }
          out.push({
            entity: { kind: 'ip', value: ks.key },
            category: 'scanning',
            signals,
            confidence: confidenceFrom(ks.sensitiveN + ks.n4xx, 5),
            summary: `${ks.key} probed ${ks.sensitiveN} sensitive path(s) and got ${ks.n4xx} 4xx answers out of ${ks.n} requests over ${ks.paths.estimate()} distinct paths.`,
            stats: ks,
          });
        }
        return out;
      },
    };
  },
} satisfies DetectorFactory<Config>;
