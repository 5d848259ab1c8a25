/**
 * The `rampart` CLI. Builds the program from the command registry, runs it, and maps errors to exit codes:
 * a RampartError is a user's problem (clear message, no stack trace); anything else is a bug.
 */
import { RampartError } from '@rampart/core';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './command.js';
import { COMMANDS } from './commands/registry.js';
import { EXIT } from './exit-codes.js';

export async function buildProgram(
  io: CliIo,
  state: { exitCode: number },
  argv: readonly string[] = [],
): Promise<Command> {
  const program = new Command('rampart')
    .description('Find API abuse in the access logs you already have.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError();
  // Only the command being run is loaded; help and unknown commands need them all.
  const requested = argv[2];
  const versionOnly = requested === '--version' || requested === '-V';
  const wanted = versionOnly ? [] : COMMANDS.filter((c) => c.name === requested);
  const load = versionOnly || wanted.length > 0 ? wanted : COMMANDS;
  for (const entry of load) (await entry.load()).register(program, io, state);
  return program;
}

export async function main(argv: readonly string[], io?: Partial<CliIo>): Promise<number> {
  const fullIo: CliIo = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    stdin: io?.stdin ?? process.stdin,
    env: io?.env ?? { ...process.env },
    cwd: io?.cwd ?? process.cwd(),
  };
  const state = { exitCode: EXIT.OK as number };
  try {
    const program = await buildProgram(fullIo, state, argv);
    await program.parseAsync([...argv]);
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (err instanceof RampartError) {
      fullIo.stderr.write(`rampart: ${err.message}\n`);
      return err.code === 'INPUT_UNREADABLE' ? EXIT.NO_INPUT : EXIT.USAGE;
    }
    fullIo.stderr.write(`rampart: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.INTERNAL;
  }
}
