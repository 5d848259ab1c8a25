import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../config/load-config.js';
import { makeRequestEvent } from '../../event/request-event.js';
import { createServiceMatcher } from '../services.js';
import { createFixtureEnricher } from '../testing/fixture-enrichment.js';
import { detectFindings } from './engine.js';

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Three probes from one address on two hosts: below the normal threshold (4), above strict's (2.8). */
function probes(config: ReturnType<typeof configFromObject>) {
  const enrich = createFixtureEnricher(new Map(), createServiceMatcher(config.detect).serviceOf);
  return ['api.example.com', 'www.example.com'].flatMap((host, h) =>
    ['/.env', '/.git/config', '/backup.sql'].map((path, i) =>
      enrich(
        makeRequestEvent({
          ts: T0 + (h * 3 + i) * 1000,
          ip: `198.51.100.${h + 1}`,
          method: 'GET',
          host,
          path,
          status: 404,
          userAgent: UA,
        }),
      ),
    ),
  );
}

describe('services and tolerance', () => {
  it('routes events to services by host and applies each service tolerance', () => {
    const config = configFromObject({
      detect: { services: [{ name: 'api', hosts: ['^api\\.'], tolerance: 'strict' }] },
    });
    const found = detectFindings(probes(config), config.detect).filter((f) => f.category === 'scanning');
    expect(found.map((f) => `${f.service} ${f.entity.value}`)).toEqual(['api 198.51.100.1']);
  });

  it('lenient raises thresholds and a per-service detector setting overrides the global one', () => {
    const config = configFromObject({
      detect: {
        detectors: { scanning: { minSensitive: 2 } },
        services: [{ name: 'api', hosts: ['^api\\.'], tolerance: 'lenient' }],
      },
    });
    // Global minSensitive 2: the default service (normal) flags 3 probes; lenient api needs 3 → also flags.
    const both = detectFindings(probes(config), config.detect).filter((f) => f.category === 'scanning');
    expect(both.map((f) => f.service).sort()).toEqual(['api', 'default']);
    const off = configFromObject({
      detect: {
        detectors: { scanning: { minSensitive: 2 } },
        services: [{ name: 'api', hosts: ['^api\\.'], detectors: { scanning: { enabled: false } } }],
      },
    });
    expect(
      detectFindings(probes(off), off.detect)
        .filter((f) => f.category === 'scanning')
        .map((f) => f.service),
    ).toEqual(['default']);
  });
});
