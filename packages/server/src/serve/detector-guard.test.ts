import {
  type AnyDetectorFactory,
  configFromObject,
  createDetectionEngine,
  DETECTORS,
  makeRequestEvent,
} from '@rampart/core';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { createFixtureEnricher } from '../../../core/src/detect/testing/fixture-enrichment.js';
import { type DisabledDetector, guardDetectors } from './detector-guard.js';

const flaky = (phase: 'observe' | 'evaluate') =>
  ({
    id: `flaky_${phase}`,
    description: 'throws on its first call with traffic',
    categories: ['flood'],
    configSchema: Type.Object({ enabled: Type.Boolean({ default: true }) }),
    create: () => ({
      ...(phase === 'observe'
        ? {
            observe() {
              throw new TypeError('cannot read properties of undefined');
            },
          }
        : {}),
      evaluate(ctx) {
        if (phase === 'evaluate' && ctx.touched('ip').length > 0) throw new RangeError('bad index');
        return [];
      },
    }),
  }) satisfies AnyDetectorFactory;

const enrich = createFixtureEnricher(new Map(), () => 'default');

describe('guardDetectors', () => {
  it.each(['observe', 'evaluate'] as const)(
    'disables a detector that throws in %s, once, and detection goes on',
    (phase) => {
      const disabled: DisabledDetector[] = [];
      const engine = createDetectionEngine(
        configFromObject({ detect: { latenessSeconds: 0, evaluateEverySeconds: 10 } }).detect,
        {
          registry: guardDetectors([...DETECTORS, flaky(phase)], (d) => disabled.push(d)),
        },
      );
      const t0 = Date.UTC(2026, 0, 10, 12);
      for (let i = 0; i < 40; i++)
        engine.observe(
          enrich(
            makeRequestEvent({ ts: t0 + i * 500, ip: '159.89.10.21', method: 'POST', path: '/login', status: 401 }),
          ),
        );
      expect(() => engine.evaluate()).not.toThrow();
      expect(disabled).toEqual([
        { detector: `flaky_${phase}`, service: 'default', error: expect.stringMatching(/Error: /), phase },
      ]);
      expect(engine.findings().some((f) => f.detector === 'brute_force')).toBe(true);
    },
  );
});
