/**
 * The contract of a CLI command module: it adds itself to the program. Actions return an exit code
 * instead of calling process.exit; output goes through the given streams so tests can capture it.
 */
import type { Command } from 'commander';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Environment as read once at start-up (RAMPART_DATA, RAMPART_CONFIG …); nothing else reads process.env. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface CliCommandModule {
  /** Registers the command; the action MUST set `state.exitCode` rather than exit. */
  register(program: Command, io: CliIo, state: { exitCode: number }): void;
}
