/** `rampart simulate` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const simulateCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('simulate')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart simulate: not available yet\n');
        state.exitCode = 2;
      });
  },
};
