/** `rampart lab` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const labCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('lab')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart lab: not available yet\n');
        state.exitCode = 2;
      });
  },
};
