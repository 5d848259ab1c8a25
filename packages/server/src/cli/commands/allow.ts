/** `rampart allow` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const allowCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('allow')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart allow: not available yet\n');
        state.exitCode = 2;
      });
  },
};
