/** `rampart audit` — placeholder until its issue lands; it says so and exits with a usage error. */
import type { CliCommandModule } from '../command.js';

export const auditCommand: CliCommandModule = {
  register(program, io, state) {
    program
      .command('audit')
      .description('(not available yet)')
      .allowUnknownOption()
      .action(() => {
        io.stderr.write('rampart audit: not available yet\n');
        state.exitCode = 2;
      });
  },
};
