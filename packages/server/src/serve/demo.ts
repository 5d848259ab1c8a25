/**
 * `rampart serve --demo`: an empty data directory gets one generated lab day (nginx combined, humans and
 * every abuse scenario, see docs/lab.md) replayed through the normal ingest path, so a newcomer's first
 * server has traffic, findings and reports to look at. Scale 0.2 keeps it to a few seconds.
 */
import { join } from 'node:path';
import { generateLab } from '@rampart/core';
import type { CliIo } from '../cli/command.js';
import type { Platform } from './platform.js';
import { replayFiles } from './replay-files.js';

export async function loadDemoDay(p: Platform, io: CliIo, scale = 0.2): Promise<number> {
  const outDir = join(p.dataDir, 'demo');
  const lab = generateLab({ seed: 1, scale, outDir, formats: ['nginx'] });
  const result = await replayFiles(
    { files: [join(outDir, 'access.log')], cwd: io.cwd, stdin: io.stdin, config: p.config, format: 'nginx_combined' },
    p.pipeline,
  );
  await p.cycle.runOnce(true);
  await p.events.flush();
  return Math.min(lab.lines, result.lines);
}
