/** `rampart lookup` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const lookupCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('lookup')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart lookup: not available yet\n');
        state.exitCode = 2;
      });
  },
};
