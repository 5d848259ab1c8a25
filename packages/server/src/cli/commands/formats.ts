/**
 * `rampart formats [ID]` — the log formats Rampart reads: each id with its description, whether
 * `--format auto` can recognise it, and the settings it takes (`--log-format` for nginx/apache, the
 * ingest config otherwise). With an id, that format alone; `--json` for machines.
 */
import { createParser, EQUIVALENT_FORMATS, findPlugin, PARSERS, RampartError } from '@rampart/core';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface FormatInfo {
  readonly id: string;
  readonly description: string;
  /** True when the format works without settings, so `--format auto` can pick it. */
  readonly autoDetect: boolean;
  readonly settings: readonly { name: string; type: string; required: boolean; description: string }[];
  readonly equivalent: readonly string[];
}

function describeFormat(id: string): FormatInfo {
  const factory = findPlugin(PARSERS, id, 'format');
  let autoDetect = true;
  try {
    createParser(id, {});
  } catch {
    autoDetect = false; // it needs settings (a log_format, a field map) that only the user can give
  }
  const schema = factory.configSchema as
    | { properties?: Record<string, { type?: string; description?: string }>; required?: string[] }
    | undefined;
  const settings = Object.entries(schema?.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type ?? 'value',
    required: schema?.required?.includes(name) ?? false,
    description: p.description ?? '',
  }));
  const equivalent = [
    ...(EQUIVALENT_FORMATS[id] ?? []),
    ...Object.entries(EQUIVALENT_FORMATS)
      .filter(([, list]) => list.includes(id))
      .map(([main]) => main),
  ];
  return { id, description: factory.description, autoDetect, settings, equivalent };
}

function renderText(infos: readonly FormatInfo[], detailed: boolean): string {
  const width = Math.max(...infos.map((i) => i.id.length));
  const lines: string[] = [];
  for (const i of infos) {
    const auto = i.autoDetect ? 'auto' : 'set ';
    lines.push(`${i.id.padEnd(width)}  ${auto}  ${i.description}`);
    if (!detailed) continue;
    for (const s of i.settings) {
      lines.push(`  ${s.name} (${s.type}${s.required ? ', required' : ''}): ${s.description}`);
    }
    if (i.equivalent.length > 0) lines.push(`  same line shape as: ${i.equivalent.join(', ')}`);
  }
  if (!detailed) {
    lines.push(
      '',
      "auto: recognised by --format auto (the default); set: needs its settings, see 'rampart formats ID'",
    );
  }
  return `${lines.join('\n')}\n`;
}

export const formatsCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('formats')
      .description('List the log formats Rampart reads (ids for --format)')
      .argument('[id]', 'show one format and its settings')
      .option('--json', 'print JSON')
      .action((id: string | undefined, options: { json?: boolean }) => {
        state.exitCode = runFormats(id, options, io);
      });
  },
};

function runFormats(id: string | undefined, options: { json?: boolean }, io: CliIo): number {
  let infos: FormatInfo[];
  try {
    infos = id === undefined ? PARSERS.map((p) => describeFormat(p.id)) : [describeFormat(id)];
  } catch (err) {
    if (!(err instanceof RampartError)) throw err;
    io.stderr.write(`rampart formats: ${err.message}\n`);
    return EXIT.USAGE;
  }
  io.stdout.write(
    options.json
      ? `${JSON.stringify(id === undefined ? infos : infos[0], null, 2)}\n`
      : renderText(infos, id !== undefined),
  );
  return EXIT.OK;
}
