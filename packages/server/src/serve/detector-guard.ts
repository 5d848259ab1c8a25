/**
 * Keeps one failing detector from stopping detection. Core's engine calls each detector's `evaluate` at
 * every tick and `observe` per event and does not catch: a detector that throws would fail every cycle
 * (and, from `observe`, every ingest batch) from then on. `guardDetectors` wraps each factory of the
 * registry so that the first exception of a detector instance (one per service) disables that instance:
 * it returns no candidates and observes nothing until the server restarts, and `onDisabled` is told once.
 */
import type { AnyDetectorFactory, Detector } from '@rampart/core';

export interface DisabledDetector {
  readonly detector: string;
  readonly service: string;
  readonly error: string;
  readonly phase: 'observe' | 'evaluate';
}

export function guardDetectors(
  registry: readonly AnyDetectorFactory[],
  onDisabled: (d: DisabledDetector) => void,
): AnyDetectorFactory[] {
  return registry.map((factory) => ({
    ...factory,
    create(config, ctx) {
      const inner = factory.create(config, ctx);
      let disabled = false;
      const fail = (err: unknown, phase: DisabledDetector['phase']) => {
        if (disabled) return;
        disabled = true;
        const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        onDisabled({ detector: factory.id, service: ctx.service, error: error.slice(0, 500), phase });
      };
      const guarded: Detector = {
        evaluate(ec) {
          if (disabled) return [];
          try {
            return inner.evaluate(ec);
          } catch (err) {
            fail(err, 'evaluate');
            return [];
          }
        },
      };
      // Only detectors with a hook get one: the engine calls observers per event.
      if (inner.observe) {
        const observe = inner.observe.bind(inner);
        guarded.observe = (e, f, ip) => {
          if (disabled) return;
          try {
            observe(e, f, ip);
          } catch (err) {
            fail(err, 'observe');
          }
        };
      }
      return guarded;
    },
  }));
}
