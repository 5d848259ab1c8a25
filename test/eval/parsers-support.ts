/**
 * Shared by the parser evaluations against peers' fixtures: parse a line with the first format of a
 * family that yields an event (peers such as CrowdSec try several patterns per line the same way).
 */
import { createParser, type LineParser, type RequestEvent } from '@rampart/core';

export const ACCESS_LOG_FAMILY = [
  'nginx_main',
  'nginx_combined',
  'apache_vhost_combined',
  'host_combined',
  'apache_combined',
  'apache_common',
] as const;

const cache = new Map<string, LineParser>();

/** A format id, or `nginx:<log_format directive>` for the generic nginx parser. */
function parserFor(spec: string): LineParser {
  let p = cache.get(spec);
  if (p === undefined) {
    p = spec.startsWith('nginx:') ? createParser('nginx', { logFormat: spec.slice(6) }) : createParser(spec, {});
    cache.set(spec, p);
  }
  return p;
}

/** The event from the first format in `formats` that reads the line, with that format's id. */
export function parseWithFamily(
  line: string,
  formats: readonly string[],
): { format: string; event: RequestEvent } | undefined {
  for (const id of formats) {
    const r = parserFor(id).parse(line, 'eval', 1);
    if (r.kind === 'event') return { format: id, event: r.event };
  }
  return undefined;
}
