import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../config/load-config.js';
import type { EnrichedEvent } from '../../event/enriched-event.js';
import type { Finding } from '../finding.js';
import { fixtureEvents } from '../testing/run-fixtures.js';
import { createDetectionEngine, detectFindings } from './engine.js';

const config = configFromObject({});
const load = (det: string, c: string) =>
  readFileSync(new URL(`../detectors/${det}/fixtures/${c}/input.log`, import.meta.url), 'utf8');
// A day with a probe, a fast brute force and a low-and-slow probe, plus people.
const dayText = [
  load('scanning', 'fires-sensitive-file-probe'),
  load('brute_force', 'fires-fast-password-guessing'),
  load('scanning', 'fires-low-and-slow'),
].join('\n');
const day = fixtureEvents(dayText, config).sort((a, b) => a.req.ts - b.req.ts);

/** Findings without evidence locations (which legitimately name the file a line came from). */
function canonical(findings: readonly Finding[]) {
  return findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => e.text) }));
}

function run(events: readonly EnrichedEvent[], chunks = 1) {
  const engine = createDetectionEngine(config.detect);
  const size = Math.ceil(events.length / chunks);
  for (let i = 0; i < events.length; i += size) for (const e of events.slice(i, i + size)) engine.observe(e);
  engine.evaluate();
  return { findings: engine.findings(), stats: engine.stats() };
}

describe('detection engine', () => {
  it('finds the same findings in one go, in three chunks, and with jitter within the lateness', () => {
    const whole = run(day);
    expect(whole.findings.map((f) => `${f.category} ${f.entity.value}`).sort()).toEqual([
      'brute_force 198.51.100.20',
      'scanning 198.51.100.7',
      'scanning 203.0.113.50',
    ]);
    expect(canonical(run(day, 3).findings)).toEqual(canonical(whole.findings));
    // Swap neighbours up to 30 s apart (lateness is 120 s): a shuffled arrival order.
    const jittered = [...day];
    for (let i = 0; i + 7 < jittered.length; i += 5) {
      const a = jittered[i]!;
      const j = i + 7;
      if (jittered[j]!.req.ts - a.req.ts <= 30_000) [jittered[i], jittered[j]] = [jittered[j]!, a];
    }
    expect(jittered).not.toEqual(day);
    const shuffled = run(jittered);
    expect(shuffled.stats.late).toBe(0);
    expect(canonical(shuffled.findings)).toEqual(canonical(whole.findings));
  });

  it('counts and drops events older than the watermark minus lateness', () => {
    const engine = createDetectionEngine(config.detect);
    const last = day[day.length - 1]!;
    for (const e of day) engine.observe(e);
    engine.observe({ ...day[0]!, req: { ...day[0]!.req, ts: last.req.ts - 3600_000 } });
    expect(engine.stats().late).toBe(1);
    expect(engine.stats().observed).toBe(day.length + 1);
  });

  it('updates a finding across evaluation ticks instead of duplicating it', () => {
    const engine = createDetectionEngine(config.detect);
    const seen = new Map<string, number>();
    for (const e of day) {
      engine.observe(e);
      for (const f of engine.evaluate(e.req.ts)) seen.set(f.id, (seen.get(f.id) ?? 0) + 1);
    }
    engine.evaluate();
    const all = engine.findings();
    expect(new Set(all.map((f) => `${f.detector} ${f.entity.value}`)).size).toBe(all.length);
    expect([...seen.values()].some((n) => n > 1)).toBe(true);
    expect(all.length).toBe(3);
  });

  it('never reports allowlisted entities', () => {
    const allowCfg = configFromObject({
      detect: {
        allow: [
          { kind: 'ip', value: '198.51.100.20', reason: 'pen test' },
          { kind: 'asn', value: 'AS9009' },
        ],
      },
    });
    const found = detectFindings(day, allowCfg.detect).map((f) => f.entity.value);
    expect(found).toEqual(['198.51.100.7']);
  });

  it('honours allow entries from the store until they expire (on event time)', () => {
    const t0 = day[0]!.req.ts;
    const allow = [
      {
        id: 'a1',
        kind: 'ip' as const,
        value: '198.51.100.7',
        service: undefined,
        reason: '',
        createdAt: t0,
        expiresAt: t0 + 1000,
        actor: 't',
      },
    ];
    const found = detectFindings(day, config.detect, { allow }).map((f) => f.entity.value);
    expect(found).toContain('198.51.100.7');
  });

  it('fails on an unknown detector id with the list of known ones', () => {
    const bad = configFromObject({ detect: { detectors: { brute_froce: { enabled: false } } } });
    expect(() => createDetectionEngine(bad.detect)).toThrow(
      /unknown detector 'brute_froce'; known detectors: .*brute_force/,
    );
  });

  it('validates detector settings against the detector schema', () => {
    const bad = configFromObject({ detect: { detectors: { brute_force: { minFailures10m: 'many' } } } });
    expect(() => createDetectionEngine(bad.detect)).toThrow(/minFailures10m/);
  });

  it('gives every finding the contract fields', () => {
    const f = detectFindings(day, config.detect).find((x) => x.category === 'brute_force')!;
    expect(f.entity).toEqual({ kind: 'ip', value: '198.51.100.20' });
    expect(f.score).toBeGreaterThan(0.5);
    expect(f.score).toBeLessThanOrEqual(1);
    expect(f.signals.map((s) => s.name)).toContain('auth_failures_10m');
    expect(f.requests).toBe(200);
    expect(f.evidence.length).toBe(5);
    expect(f.evidence[0]!.text).toContain('POST /login');
    expect(f.enrichment.networkType).toBe('hosting');
    expect(f.recommendation.action).toBe('ban');
    expect(f.id).toMatch(/^f_[0-9a-f]{16}$/);
    expect(Date.parse(f.first_seen)).toBeLessThan(Date.parse(f.last_seen));
  });
});
