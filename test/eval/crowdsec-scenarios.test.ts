/**
 * Agreement with CrowdSec's own HTTP scenario tests: for the behaviours Rampart covers (probing,
 * sensitive files, admin interfaces, traversal, WordPress scans, CVE probes, bad user agents, crawling,
 * brute force, application-layer floods), does Rampart flag the addresses CrowdSec's scenario.assert
 * says must be flagged? The per-case table is printed; the figures are in docs/benchmarks/detect.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { detectOnLines, flaggedAddresses } from './detect-eval-support.js';

/** CrowdSec scenario name → the behaviour Rampart reports it as. */
function behaviourOf(scenario: string): string | undefined {
  const s = scenario.toLowerCase();
  if (
    /cve|probing|sensitive-files|traversal|wordpress-scan|wpconfig|backdoor|sqli|xss|w00t|bad-user-agent|thinkphp|spring4shell|log4j|fortinet|f5-big|pulse-secure|vmware|jira|grafana|zoneminder/.test(
      s,
    )
  )
    return 'scanning';
  if (/crawl-non_statics/.test(s)) return 'scraping';
  if (/http-bf-wordpress|admin-bf/.test(s)) return 'brute_force';
  if (/http-dos-/.test(s)) return 'flood';
  return undefined;
}

interface Case {
  readonly name: string;
  readonly behaviour: string;
  readonly expected: readonly string[];
  readonly lines: readonly string[];
}

function loadCases(): Case[] {
  const root = sharedPath('logs/crowdsec-hub-tests');
  const out: Case[] = [];
  for (const name of readdirSync(root).sort()) {
    let cfg: { scenarios?: string[]; log_file?: string };
    let assertText: string;
    try {
      cfg = parseYaml(readFileSync(join(root, name, 'config.yaml'), 'utf8')) ?? {};
      assertText = readFileSync(join(root, name, 'scenario.assert'), 'utf8');
    } catch {
      continue;
    }
    const behaviours = (cfg.scenarios ?? []).map((s) => behaviourOf(s)).filter((b) => b !== undefined);
    if (behaviours.length === 0 || cfg.log_file === undefined) continue;
    const expected = [
      ...new Set(
        [...assertText.matchAll(/"([0-9a-fA-F.:]+)" in results\[\d+\]\.Overflow\.GetSources\(\)/g)].map((m) => m[1]!),
      ),
    ];
    const lines = readFileSync(join(root, name, cfg.log_file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    out.push({ name, behaviour: behaviours[0]!, expected: expected.sort(), lines });
  }
  return out;
}

describe.skipIf(!HAS_SHARED_DATA)('agreement with CrowdSec hub scenario tests', () => {
  it('flags the addresses CrowdSec flags for the behaviours Rampart covers', () => {
    const rows: string[] = [];
    let parsed = 0;
    let agreed = 0;
    let expectedTotal = 0;
    let found = 0;
    for (const c of loadCases()) {
      const run = detectOnLines(c.lines, c.name);
      if (run.format === '' || run.events === 0) {
        rows.push(`${c.name.padEnd(38)} ${c.behaviour.padEnd(12)} not read (format not recognised)`);
        continue;
      }
      parsed++;
      const flagged = flaggedAddresses(run.findings);
      const hit = c.expected.filter((ip) => flagged.has(ip));
      expectedTotal += c.expected.length;
      found += hit.length;
      const ok = hit.length === c.expected.length && c.expected.length > 0;
      if (ok) agreed++;
      const cats = [...new Set(run.findings.map((f) => f.category))].join(',');
      rows.push(
        `${c.name.padEnd(38)} ${c.behaviour.padEnd(12)} ${ok ? 'agree ' : 'differ'} ${hit.length}/${c.expected.length} expected flagged; ${run.events} events; rampart: ${cats || 'nothing'}`,
      );
    }
    const summary = `cases read ${parsed}, agreeing ${agreed} (${((100 * agreed) / Math.max(1, parsed)).toFixed(1)}%), expected addresses flagged ${found}/${expectedTotal}`;
    console.log(`${rows.join('\n')}\n${summary}`);
    expect(parsed).toBeGreaterThan(30);
    // Floors set just under what was measured (docs/benchmarks/detect.md): a regression fails here.
    expect(agreed / parsed).toBeGreaterThanOrEqual(AGREEMENT_FLOOR);
  });
});

const AGREEMENT_FLOOR = 0.8;
