/** `rampart update-data` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const updateDataCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('update-data')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart update-data: not available yet\n');
        state.exitCode = 2;
      });
  },
};
