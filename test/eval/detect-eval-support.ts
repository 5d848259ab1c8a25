/**
 * Shared by the detection evaluation tests: read a real log with the real parser (format recognised
 * from its lines), enrich with the real enricher (crawler verification by published ranges / ASN, no
 * reverse DNS, so results do not depend on the network) and run the detection engine.
 */
import {
  CrawlerVerifier,
  configFromObject,
  createDetectionEngine,
  createEnricher,
  createParser,
  detectFormat,
  type Finding,
} from '@rampart/core';

export interface DetectRun {
  readonly format: string;
  readonly events: number;
  readonly lines: number;
  readonly findings: readonly Finding[];
}

const config = configFromObject({});
let enricherInstance: ReturnType<typeof createEnricher> | undefined;

function enricher() {
  enricherInstance ??= createEnricher(config.enrich, { crawlerVerifier: new CrawlerVerifier({ rdns: false }) });
  return enricherInstance;
}

/** Parses, enriches and detects; `format` '' when no parser recognised the lines. */
export function detectOnLines(lines: readonly string[], source: string): DetectRun {
  const guess = detectFormat(lines);
  if (guess.id === '' || guess.confidence < 0.5) return { format: '', events: 0, lines: lines.length, findings: [] };
  const parser = createParser(guess.id, {});
  const engine = createDetectionEngine(config.detect);
  const enrich = enricher();
  let events = 0;
  lines.forEach((line, i) => {
    const r = parser.parse(line, source, i + 1);
    if (r.kind !== 'event') return;
    events++;
    engine.observe(enrich.enrich(r.event));
  });
  engine.evaluate();
  return { format: guess.id, events, lines: lines.length, findings: engine.findings() };
}

/** Every address a finding names: its ip entity, its member list, or the address of an IPv6 /64 client. */
export function flaggedAddresses(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.entity.kind === 'ip') out.add(f.entity.value);
    for (const ip of f.ips ?? []) out.add(ip);
  }
  return out;
}
