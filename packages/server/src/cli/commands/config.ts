/** `rampart config` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const configCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('config')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart config: not available yet\n');
        state.exitCode = 2;
      });
  },
};
