/** `rampart analyze` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const analyzeCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('analyze')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart analyze: not available yet\n');
        state.exitCode = 2;
      });
  },
};
