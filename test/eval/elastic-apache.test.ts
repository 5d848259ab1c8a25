/**
 * Real traffic: 10,000 lines of a blog's Apache log (May 2015, unlabelled, ~28% crawlers). What Rampart
 * flags and why is printed (and recorded in docs/benchmarks/detect.md); what must hold: real Googlebot
 * (66.249.73.135) and every verified crawler are never reported as abuse, nothing is banned for
 * bad_automation, and the findings are few (it is mostly a benign blog).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { detectOnLines, flaggedAddresses } from './detect-eval-support.js';

describe.skipIf(!HAS_SHARED_DATA)('detection on a real blog log (elastic apache 2015)', () => {
  const lines = gunzipSync(readFileSync(sharedPath('logs/elastic-apache-2015.log.gz')))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const run = detectOnLines(lines, 'elastic-apache-2015.log');

  it('reads the log and explains every finding', () => {
    expect(run.events).toBeGreaterThan(9_900);
    console.log(
      run.findings
        .map(
          (f) =>
            `${f.score.toFixed(2)} ${f.category.padEnd(22)} ${f.entity.value.padEnd(16)} ${f.recommendation.action.padEnd(8)} ${f.summary}`,
        )
        .join('\n'),
    );
    for (const f of run.findings) {
      expect(f.signals.length).toBeGreaterThan(0);
      expect(f.summary.length).toBeGreaterThan(20);
    }
  });

  it('never reports real Googlebot or any verified crawler as abuse', () => {
    expect(flaggedAddresses(run.findings).has('66.249.73.135')).toBe(false);
    for (const f of run.findings) {
      if (f.enrichment.crawler?.verified === true) {
        expect(f.category).toBe('flood');
        expect(f.recommendation.action).not.toBe('ban');
      }
    }
  });

  it('flags few of the 1,753 addresses of a mostly benign blog, and bans nobody for bad automation alone', () => {
    expect(flaggedAddresses(run.findings).size).toBeLessThan(60);
    for (const f of run.findings.filter((x) => x.category === 'bad_automation')) {
      expect(f.recommendation.action).toBe('monitor');
    }
  });
});
