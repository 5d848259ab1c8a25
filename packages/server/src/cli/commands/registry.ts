/** The CLI's commands, in help order. Adding a command: one module in this folder and one line here. */
import type { CliCommandModule } from '../command.js';
import { allowCommand } from './allow.js';
import { analyzeCommand } from './analyze.js';
import { auditCommand } from './audit.js';
import { bansCommand } from './bans.js';
import { configCommand } from './config.js';
import { exportCommand } from './export.js';
import { formatsCommand } from './formats.js';
import { ingestCommand } from './ingest.js';
import { labCommand } from './lab.js';
import { lookupCommand } from './lookup.js';
import { replayCommand } from './replay.js';
import { reportsCommand } from './reports.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { updateDataCommand } from './update-data.js';

export const COMMANDS: readonly CliCommandModule[] = [
  analyzeCommand,
  serveCommand,
  ingestCommand,
  replayCommand,
  lookupCommand,
  updateDataCommand,
  labCommand,
  exportCommand,
  bansCommand,
  allowCommand,
  auditCommand,
  simulateCommand,
  reportsCommand,
  formatsCommand,
  configCommand,
];
