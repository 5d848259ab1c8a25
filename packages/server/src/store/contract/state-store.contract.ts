/**
 * The behaviour every state store backend MUST have. A backend's test file calls
 * `runStateStoreContract(name, makeStore)`; `makeStore` returns a fresh, empty store each time.
 * Time is always passed in, so the suite runs the same on any backend and never sleeps.
 */
import type { Finding, ReportInput } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { auditReportCases } from './audit-reports.cases.js';
import { banAndAllowCases } from './bans-allow.cases.js';
import type { StateStore, StateStoreOptions } from './state-store.js';

export type MakeStore = (options: StateStoreOptions) => StateStore | Promise<StateStore>;

export const CONTRACT_OPTIONS: StateStoreOptions = {
  escalation: { ladderSeconds: [3600, 6 * 3600, 24 * 3600, 7 * 86400], lookbackSeconds: 30 * 86400 },
};

export function contractFinding(id: string, ip: string): Finding {
  return {
    id,
    detector: 'brute_force',
    service: 'api',
    entity: { kind: 'ip', value: ip },
    category: 'brute_force',
    score: 0.95,
    confidence: 0.9,
    summary: `failed logins from ${ip}`,
    signals: [],
    recommendation: { action: 'ban', scope: 'ip', target: ip, ttlSeconds: 3600, reason: 'hosting', abuseReport: false },
    enrichment: {
      asn: 64500,
      org: 'Example Hosting',
      country: 'NL',
      networkType: 'hosting',
      prefix: undefined,
      abuseContact: undefined,
      crawler: undefined,
    },
    first_seen: '2026-01-10T11:00:00.000Z',
    last_seen: '2026-01-10T11:30:00.000Z',
    requests: 500,
    evidence: [],
    ips: undefined,
  };
}

export function contractReport(): ReportInput {
  const findings = [contractFinding('f1', '198.51.100.1'), contractFinding('f2', '198.51.100.2')];
  return {
    service: 'api',
    from: '2026-01-10T11:00:00.000Z',
    to: '2026-01-10T12:00:00.000Z',
    summary: '2 findings',
    findings,
    items: findings.map((f) => ({
      id: f.id,
      findingIds: [f.id],
      recommendation: f.recommendation,
      addresses: undefined,
      coverage: undefined,
    })),
    abuseDrafts: [],
  };
}

export function runStateStoreContract(name: string, makeStore: MakeStore): void {
  describe(`state store contract: ${name}`, () => {
    let store: StateStore | undefined;
    const open = async (options = CONTRACT_OPTIONS) => {
      store = await makeStore(options);
      return store;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('reports a schema version of at least 1', async () => {
      const s = await open();
      expect(await s.schemaVersion()).toBeGreaterThanOrEqual(1);
    });

    banAndAllowCases(open);
    auditReportCases(open, contractReport);
  });
}
