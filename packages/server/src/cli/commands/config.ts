/**
 * `rampart config validate FILE` — reads a config file the way `rampart serve` does (schema, defaults,
 * detector settings) and says what is wrong, naming each bad key; exit 0 when valid, 2 when not.
 * `--print` writes the effective config (defaults filled in) as JSON.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFromYaml, createDetectionEngine, createParser, RampartError } from '@rampart/core';
import type { CliCommandModule, CliIo } from '../command.js';
import { EXIT } from '../exit-codes.js';

function validate(file: string, o: { print?: boolean }, io: CliIo): number {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    throw new RampartError('INPUT_UNREADABLE', `config file ${file}: ${(err as Error).message}`);
  }
  try {
    const config = configFromYaml(text, file);
    // Checks the schema cannot express: detector ids and settings, listener formats, host regexes.
    createDetectionEngine(config.detect);
    for (const l of [...config.server.syslog, ...config.server.tail]) createParser(l.format, {});
    io.stdout.write(o.print ? `${JSON.stringify(config, null, 2)}\n` : `${file}: valid\n`);
    return EXIT.OK;
  } catch (err) {
    if (!(err instanceof RampartError)) throw err;
    io.stderr.write(`${file}: ${err.message}\n`);
    return EXIT.USAGE;
  }
}

export const configCommand: CliCommandModule = {
  register(program, io, state) {
    const config = program.command('config').description('work with the YAML config file');
    config
      .command('validate <file>')
      .description('check a config file against the schema; names every bad key')
      .option('--print', 'print the effective config (defaults filled in) as JSON')
      .action((file: string, o: { print?: boolean }) => {
        state.exitCode = validate(file, o, io);
      });
  },
};
