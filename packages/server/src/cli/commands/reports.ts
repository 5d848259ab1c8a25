/** `rampart reports` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const reportsCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('reports')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart reports: not available yet\n');
        state.exitCode = 2;
      });
  },
};
