/**
 * The one golden-fixture runner for every detector. A case is a folder `fixtures/<case>/` with
 * `input.log` (nginx combined lines plus `# net:` lines, see fixture-enrichment.ts) and `expected.json`:
 *   { "description": "…", "findings": [{ "entity": "ip:203.0.113.9", "category": "scanning" }],
 *     "config": { …detect section… }, "allDetectors": false }
 * `findings` lists exactly the (entity, category) pairs the detector under test must report — an empty
 * list is a hard negative. With `allDetectors`, every detector's findings are compared instead.
 * The runner parses with the real nginx parser and runs the real engine; only enrichment is the fixture's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromObject } from '../../config/load-config.js';
import type { EnrichedEvent } from '../../event/enriched-event.js';
import { createParser } from '../../parsers/registry.js';
import { detectFindings } from '../engine/engine.js';
import type { Finding } from '../finding.js';
import { createServiceMatcher } from '../services.js';
import { createFixtureEnricher, readNetLines } from './fixture-enrichment.js';

export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  readonly description: string;
  /** Sorted 'category entity-kind:value' strings the case expects. */
  readonly expected: readonly string[];
  readonly allDetectors: boolean;
  readonly config: unknown;
}

export interface FixtureResult {
  /** Sorted 'category entity-kind:value' strings actually reported. */
  readonly actual: readonly string[];
  readonly findings: readonly Finding[];
  readonly parseErrors: number;
}

interface ExpectedFile {
  description: string;
  findings: Array<{ entity: string; category: string }>;
  config?: unknown;
  allDetectors?: boolean;
}

export function fixtureCases(fixturesDir: URL | string): FixtureCase[] {
  const root = typeof fixturesDir === 'string' ? fixturesDir : fileURLToPath(fixturesDir);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(root, d.name);
      const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedFile;
      return {
        name: d.name,
        dir,
        description: exp.description,
        expected: exp.findings.map((f) => `${f.category} ${f.entity}`).sort(),
        allDetectors: exp.allDetectors ?? false,
        config: exp.config ?? {},
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Reads a fixture log into enriched events (comment lines are fixture metadata, not log lines). */
export function fixtureEvents(
  text: string,
  config: ReturnType<typeof configFromObject>,
  source = 'input.log',
): EnrichedEvent[] {
  const lines = text.split('\n');
  const enrich = createFixtureEnricher(readNetLines(lines), createServiceMatcher(config.detect).serviceOf);
  const parser = createParser('nginx_combined', {});
  const events: EnrichedEvent[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('#') || line.trim() === '') return;
    const r = parser.parse(line, source, i + 1);
    if (r.kind === 'event') events.push(enrich(r.event));
  });
  return events;
}

export function runFixture(c: FixtureCase, detectorId: string): FixtureResult {
  const config = configFromObject({ detect: c.config });
  const text = readFileSync(join(c.dir, 'input.log'), 'utf8');
  const events = fixtureEvents(text, config);
  const dataLines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
  const findings = detectFindings(events, config.detect).filter((f) => c.allDetectors || f.detector === detectorId);
  return {
    actual: findings.map((f) => `${f.category} ${f.entity.kind}:${f.entity.value}`).sort(),
    findings,
    parseErrors: dataLines - events.length,
  };
}
