/**
 * The `findings` section of `analyze`: enriches every parsed event and feeds the detection engine on
 * event time; at the end of input the engine runs its final evaluation and the findings (worst first)
 * become the report's `findings` array (the `analyze --json` contract). Crawler verification uses
 * published ranges and ASNs only (no reverse DNS), so a replay gives the same findings every time.
 */
import {
  type AllowEntry,
  CrawlerVerifier,
  configFromObject,
  createDetectionEngine,
  createEnricher,
  createServiceMatcher,
  type Finding,
  type RampartConfig,
  type RequestEvent,
} from '@rampart/core';
import type { EventConsumer } from './consumer.js';
import { formatInt, renderTable } from './text-table.js';

export interface FindingsStageOptions {
  readonly config: RampartConfig | undefined;
  /** Data dir of `rampart update-data` (crawler ranges, feeds), when there is one. */
  readonly dataDir: string | undefined;
  readonly allow?: readonly AllowEntry[];
}

export function createFindingsConsumer(options: FindingsStageOptions): EventConsumer<Finding[]> {
  const config = options.config ?? configFromObject({});
  const dataDir = options.dataDir;
  const enricher = createEnricher(config.enrich, {
    serviceOf: createServiceMatcher(config.detect).serviceOf,
    ...(dataDir !== undefined ? { dataDir } : {}),
    crawlerVerifier: new CrawlerVerifier({ ...(dataDir !== undefined ? { dataDir } : {}), rdns: false }),
  });
  const engine = createDetectionEngine(config.detect, options.allow ? { allow: options.allow } : {});
  return {
    observe(event: RequestEvent) {
      engine.observe(enricher.enrich(event));
    },
    finish() {
      engine.evaluate();
      return engine.findings();
    },
  };
}

/** Findings as a table, worst first, with the one-sentence summary of each. */
export function renderFindingsText(findings: readonly Finding[], topN: number): string {
  if (findings.length === 0) return 'Findings: none';
  const shown = findings.slice(0, Math.max(topN, 25));
  const out = [
    `Findings: ${formatInt(findings.length)} (worst first${shown.length < findings.length ? `, ${shown.length} shown; --json for all` : ''})`,
  ];
  out.push(
    renderTable(
      [
        { header: 'score', align: 'right' },
        { header: 'category' },
        { header: 'entity', max: 46 },
        { header: 'requests', align: 'right' },
        { header: 'action' },
        { header: 'network', max: 34 },
        { header: 'why', max: 110 },
      ],
      shown.map((f) => [
        f.score.toFixed(2),
        f.category,
        f.entity.kind === 'ip'
          ? f.entity.value
          : `${f.entity.kind} ${f.entity.value}${f.ips ? ` (${f.ips.length} ips)` : ''}`,
        formatInt(f.requests),
        `${f.recommendation.action} ${f.recommendation.scope}`,
        network(f),
        f.summary,
      ]),
    ),
  );
  return out.join('\n');
}

function network(f: Finding): string {
  const e = f.enrichment;
  const parts = [e.asn !== undefined ? `AS${e.asn}` : '', e.org ?? '', e.country ?? '', e.networkType ?? ''];
  return parts.filter((p) => p !== '').join(' ');
}
