/** Sniffing by trial: the share of sample lines a parser turns into events (skips do not count). */
import type { LineParser } from '../parser.js';

export function shareParsed(parser: LineParser, lines: readonly string[]): number {
  let tried = 0;
  let ok = 0;
  for (const line of lines) {
    const r = parser.parse(line, 'sniff', 0);
    if (r.kind === 'skip') continue;
    tried++;
    if (r.kind === 'event') ok++;
  }
  return tried === 0 ? 0 : ok / tried;
}
