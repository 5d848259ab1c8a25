/**
 * Shared inputs of the alert e2e tests: findings with attacker-chosen text (HTML, Slack mentions,
 * CR/LF), reports built by the real core report builder (with abuse drafts and X-ARF messages), a
 * state store on a temporary SQLite file, and an alerts config with loopback targets allowed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AlertsConfig, AlertsConfigSchema, buildReport, type Finding, type Report } from '@rampart/core';
import { Value } from '@sinclair/typebox/value';
import { openSqliteStateStore } from '../../packages/server/src/store/sqlite/sqlite-state-store.js';

export const T0 = Date.UTC(2026, 0, 10, 12);
export const EVIL = '<script>alert(1)</script> <!channel> & "quoted"';

export function finding(id: string, ip: string, over: Partial<Finding> = {}): Finding {
  return {
    id,
    detector: 'credential_stuffing',
    service: 'api',
    entity: { kind: 'ip', value: ip },
    category: 'credential_stuffing',
    score: 0.93,
    confidence: 0.9,
    summary: `1,400 failed logins for 380 accounts from ${ip} with user agent ${EVIL}`,
    signals: [],
    recommendation: {
      action: 'ban',
      scope: 'ip',
      target: ip,
      ttlSeconds: 21600,
      reason: 'residential',
      abuseReport: true,
    },
    enrichment: {
      asn: 7922,
      org: 'Comcast Cable',
      country: 'US',
      networkType: 'residential',
      prefix: undefined,
      abuseContact: 'abuse@comcast.example',
      crawler: undefined,
    },
    first_seen: '2026-01-10T11:00:00.000Z',
    last_seen: '2026-01-10T11:30:00.000Z',
    requests: 1400,
    evidence: [
      {
        source: 'access.log',
        line: 7,
        text: `${ip} - - [10/Jan/2026:11:00:00 +0000] "POST /login HTTP/1.1" 401 12 "-" "${EVIL}"`,
      },
    ],
    ips: undefined,
    ...over,
  };
}

export function report(id: string, findings: readonly Finding[] = [finding(`${id}-f1`, '198.51.100.7')]): Report {
  const input = buildReport(findings, {
    service: 'api',
    from: '2026-01-10T11:00:00.000Z',
    to: '2026-01-10T12:00:00.000Z',
    now: T0,
    reporter: 'abuse-desk@example.org',
  });
  return {
    ...input,
    id,
    createdAt: T0,
    status: 'pending',
    items: input.items.map((i) => ({
      ...i,
      decision: 'pending',
      decidedBy: undefined,
      decidedAt: undefined,
      note: undefined,
      banIds: [],
    })),
  };
}

export function alertsConfig(over: Record<string, unknown>): AlertsConfig {
  const value = Value.Default(AlertsConfigSchema, structuredClone({ allowPrivateTargets: true, ...over }));
  if (!Value.Check(AlertsConfigSchema, value))
    throw new Error(JSON.stringify([...Value.Errors(AlertsConfigSchema, value)][0]));
  return value as AlertsConfig;
}

export function tempStatePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'rampart-alerts-')), 'state.db');
}

export function openState(path: string) {
  return openSqliteStateStore(path, {
    escalation: { ladderSeconds: [3600], lookbackSeconds: 86400 },
  });
}
