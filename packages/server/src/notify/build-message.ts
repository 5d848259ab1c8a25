/**
 * Turns an event into a channel's message after that channel's filters (event types, services,
 * categories, minimum score). Returns undefined when nothing of the event passes the filters, so the
 * channel stays quiet. Pure.
 */
import type { AlertFilters, Finding } from '@rampart/core';
import { type AlertEvent, eventFindings, eventKey, eventService } from './alert-event.js';
import { type AlertMessage, type MessageFinding, TOP_FINDINGS } from './alert-message.js';

export function passesFilters(e: AlertEvent, f: AlertFilters): readonly Finding[] | undefined {
  if (f.events.length > 0 && !f.events.includes(e.type)) return undefined;
  const service = eventService(e);
  if (f.services.length > 0 && (service === undefined || !f.services.includes(service))) return undefined;
  const all = eventFindings(e);
  if (e.type !== 'report.created' && e.type !== 'ban.automatic') return all;
  const kept = all.filter(
    (x) => x.score >= f.minScore && (f.categories.length === 0 || f.categories.includes(x.category)),
  );
  return kept.length > 0 ? kept : undefined;
}

export function buildMessage(e: AlertEvent, f: AlertFilters, publicUrl: string | undefined): AlertMessage | undefined {
  const findings = passesFilters(e, f);
  if (!findings) return undefined;
  const base = publicUrl?.replace(/\/+$/, '');
  const common = {
    eventType: e.type,
    key: eventKey(e),
    service: eventService(e),
    counts: countByCategory(findings),
    findings: topFindings(findings),
    totalFindings: findings.length,
    items: [],
  };
  switch (e.type) {
    case 'report.created': {
      const r = e.report;
      const top = Math.max(0, ...findings.map((x) => x.score));
      return {
        ...common,
        severity: top >= 0.8 ? 'critical' : 'warning',
        title: `New report for ${r.service}: ${findings.length} finding(s)`,
        summary: r.summary,
        facts: [
          { label: 'Service', value: r.service },
          { label: 'Window (UTC)', value: `${r.from} to ${r.to}` },
          { label: 'Abuse-report drafts', value: String(r.abuseDrafts.length) },
        ],
        link: base ? `${base}/reports/${encodeURIComponent(r.id)}` : undefined,
        at: r.createdAt,
      };
    }
    case 'ban.automatic':
      return {
        ...common,
        severity: 'warning',
        title: `Automatic ${e.bans[0]?.mode ?? 'ban'} on ${e.service}: ${e.bans.map((b) => b.value).join(', ')}`,
        summary: e.finding.summary,
        facts: [
          { label: 'Service', value: e.service },
          { label: 'Detector', value: e.finding.detector },
          ...e.bans.map((b) => ({
            label: b.mode === 'ban' ? 'Banned' : 'Throttled',
            value: `${b.value} until ${b.expiresAt === undefined ? 'revoked' : new Date(b.expiresAt).toISOString()}`,
          })),
        ],
        link: base ? `${base}/bans` : undefined,
        at: Date.parse(e.finding.last_seen) || 0,
      };
    case 'traffic.spike':
      return {
        ...common,
        severity: e.rate >= e.baseline * 10 ? 'critical' : 'warning',
        title: `Traffic spike on ${e.service}: ${e.metric} at ${fmt(e.rate)}/min (baseline ${fmt(e.baseline)}/min)`,
        summary: `The ${METRIC_WORDS[e.metric]} rate of ${e.service} is ${fmt(e.rate / Math.max(e.baseline, 1))}× its baseline.`,
        facts: [
          { label: 'Service', value: e.service },
          { label: 'Rate', value: `${fmt(e.rate)}/min` },
          { label: 'Baseline', value: `${fmt(e.baseline)}/min` },
        ],
        link: base ? `${base}/traffic?service=${encodeURIComponent(e.service)}&range=1h` : undefined,
        at: e.at,
      };
    case 'detector.disabled':
      return {
        ...common,
        severity: 'critical',
        title: `Detector ${e.detector} disabled${e.service ? ` on ${e.service}` : ''} after an error`,
        summary: e.error,
        facts: [
          { label: 'Detector', value: e.detector },
          { label: 'Error', value: e.error },
        ],
        link: base ? `${base}/settings` : undefined,
        at: e.at,
      };
  }
}

function countByCategory(findings: readonly Finding[]): { category: string; count: number }[] {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.category, (m.get(f.category) ?? 0) + 1);
  return [...m].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count);
}

function topFindings(findings: readonly Finding[]): MessageFinding[] {
  return [...findings]
    .sort((a, b) => b.score - a.score)
    .slice(0, TOP_FINDINGS)
    .map((f) => ({
      id: f.id,
      entity: `${f.entity.kind} ${f.entity.value}`,
      category: f.category,
      score: Math.round(f.score * 100) / 100,
      recommendation: `${f.recommendation.action} ${f.recommendation.scope} ${f.recommendation.target}`,
      summary: f.summary,
    }));
}

const METRIC_WORDS = {
  requests: 'request',
  errors: 'server error (5xx)',
  client_errors: 'client error (4xx)',
} as const;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
