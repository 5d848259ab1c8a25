/** `rampart formats` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const formatsCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('formats')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart formats: not available yet\n');
        state.exitCode = 2;
      });
  },
};
