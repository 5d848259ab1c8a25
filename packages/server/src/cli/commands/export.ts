/** `rampart export` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const exportCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('export')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart export: not available yet\n');
        state.exitCode = 2;
      });
  },
};
