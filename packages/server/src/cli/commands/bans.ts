/** `rampart bans` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const bansCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('bans')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart bans: not available yet\n');
        state.exitCode = 2;
      });
  },
};
