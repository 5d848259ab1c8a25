/**
 * Published crawler IP ranges: parsing the formats operators publish (Google/Bing/OpenAI/Apple/Perplexity
 * JSON with `prefixes[].ipv4Prefix|ipv6Prefix`, CrowdSec-style `{"ranges":[…]}`, plain one-CIDR-a-line
 * text with `#` comments) and the `update-data` descriptors that store them as plain CIDR lists.
 */
import { readFileSync } from 'node:fs';
import { type Cidr, CidrSet, parseCidr } from '../../net/cidr.js';
import { CRAWLER_FAMILIES } from './crawler-families.js';
import type { ReferenceDownload, ReferenceParseResult } from './reference-download.js';

export interface ParsedRanges {
  readonly cidrs: Cidr[];
  /** Entries that looked like data but were not networks. */
  readonly invalid: number;
}

/** Parses any of the supported range formats; unknown text yields no networks, never a throw. */
export function parseRangeText(text: string): ParsedRanges {
  const cidrs: Cidr[] = [];
  let invalid = 0;
  const add = (entry: unknown): void => {
    const c = typeof entry === 'string' ? parseCidr(entry, { lenient: true }) : undefined;
    if (c) cidrs.push(c);
    else invalid++;
  };
  const json = jsonPart(text);
  if (json !== undefined) {
    const prefixes = (json as { prefixes?: unknown }).prefixes;
    const ranges = (json as { ranges?: unknown }).ranges;
    if (Array.isArray(prefixes)) {
      for (const p of prefixes) {
        const rec = (p ?? {}) as { ipv4Prefix?: unknown; ipv6Prefix?: unknown };
        add(rec.ipv4Prefix ?? rec.ipv6Prefix);
      }
    } else if (Array.isArray(ranges)) ranges.forEach(add);
    return { cidrs, invalid };
  }
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line !== '') add(line);
  }
  return { cidrs, invalid };
}

/** JSON documents, optionally after `#` comment lines (CrowdSec's files); undefined for plain text. */
function jsonPart(text: string): object | undefined {
  const start = text.search(/^\s*[{[]/m);
  if (start < 0) return undefined;
  try {
    const v: unknown = JSON.parse(text.slice(start));
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and merges range files; unreadable files are reported, not thrown. */
export function loadRangeFiles(paths: readonly string[]): { set: CidrSet; invalid: number; errors: string[] } {
  const all: Cidr[] = [];
  let invalid = 0;
  const errors: string[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (err) {
      errors.push(`${p}: ${(err as Error).message}`);
      continue;
    }
    const parsed = parseRangeText(text);
    all.push(...parsed.cidrs);
    invalid += parsed.invalid;
  }
  return { set: new CidrSet(all), invalid, errors };
}

export function crawlerRangeFile(familyId: string): string {
  return `crawler-ranges/${familyId}.txt`;
}

/** One download per family with published ranges; bodies are merged into one CIDR list. */
export function crawlerRangeDownloads(): ReferenceDownload[] {
  return CRAWLER_FAMILIES.filter((f) => f.rangeUrls.length > 0).map((f) => ({
    name: `crawler-ranges:${f.id}`,
    urls: f.rangeUrls,
    targetFile: crawlerRangeFile(f.id),
    parse: (bodies) => toCidrList(f.id, bodies),
  }));
}

function toCidrList(id: string, bodies: readonly string[]): ReferenceParseResult {
  const lines = new Set<string>();
  for (const body of bodies) for (const c of parseRangeText(body).cidrs) lines.add(c.text);
  // An empty result means the operator changed its format: keep the previous file rather than erase it.
  if (lines.size === 0) return { ok: false, reason: `no networks found in the ${id} range documents` };
  const header = `# ${id} crawler ranges, ${new Date().toISOString()}\n`;
  return { ok: true, content: `${header}${[...lines].join('\n')}\n` };
}
