/**
 * Maps a request host to its service by the `detect.services` host regexes (first match wins; hosts are
 * matched case-insensitively; no match → 'default'). The enricher calls `serviceOf` once per event, so
 * answers are cached per host (the cache is bounded: a flood of random Host headers cannot grow it).
 */
import type { DetectConfig, ServiceConfig, Tolerance } from '../config/detect-config.js';
import { RampartError } from '../errors.js';

export const DEFAULT_SERVICE = 'default';
const CACHE_LIMIT = 10_000;

export interface ServiceMatcher {
  serviceOf(host: string): string;
  /** Every service, the configured ones first and 'default' last. */
  readonly services: readonly ServiceConfig[];
}

/** Throws INVALID_CONFIG naming the service when a host pattern is not a valid regular expression. */
export function createServiceMatcher(
  config: Pick<DetectConfig, 'services' | 'tolerance' | 'detectors'>,
): ServiceMatcher {
  const rules: Array<{ name: string; patterns: RegExp[] }> = [];
  const names = new Set<string>();
  for (const s of config.services) {
    if (names.has(s.name) || s.name === DEFAULT_SERVICE) {
      throw new RampartError('INVALID_CONFIG', `detect.services: service name '${s.name}' is duplicated or reserved`);
    }
    names.add(s.name);
    const patterns = s.hosts.map((h) => {
      try {
        return new RegExp(h, 'i');
      } catch (err) {
        throw new RampartError(
          'INVALID_CONFIG',
          `detect.services.${s.name}.hosts: '${h}' is not a valid regular expression (${(err as Error).message})`,
        );
      }
    });
    rules.push({ name: s.name, patterns });
  }
  const defaultService: ServiceConfig = {
    name: DEFAULT_SERVICE,
    hosts: [],
    tolerance: config.tolerance as Tolerance,
    detectors: config.detectors,
    allow: [],
  };
  const cache = new Map<string, string>();
  return {
    services: [...config.services, defaultService],
    serviceOf(host: string): string {
      const hit = cache.get(host);
      if (hit !== undefined) return hit;
      let found = DEFAULT_SERVICE;
      for (const r of rules) {
        if (r.patterns.some((p) => p.test(host))) {
          found = r.name;
          break;
        }
      }
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(host, found);
      return found;
    },
  };
}
