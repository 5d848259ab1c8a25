#!/usr/bin/env node
/**
 * bench:serve — `rampart replay` of a generated lab day (default ≈ 1.5 million nginx lines) into a fresh
 * data directory: parse → enrich → event store (journal + DuckDB bulk load) → event-time detection →
 * final cycle (findings, reports). Runs the CLI in this process so CPU time covers every thread.
 * Reports lines/s on the wall clock and per CPU second, findings, the stored row count (which must equal the
 * lines) and the load average.
 * Usage: npm run bench:serve -- [--scale 3.3] [--keep DIR] (needs a build)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateLab } from '../packages/core/dist/index.js';
import { main } from '../packages/server/dist/cli/main.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '3.3' }, seed: { type: 'string', default: '1' } },
});
const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-replay-'));
let t = performance.now();
const lab = generateLab({
  seed: Number(values.seed),
  scale: Number(values.scale),
  outDir: join(dir, 'lab'),
  formats: ['nginx'],
});
const generateSeconds = (performance.now() - t) / 1000;

let stdout = '';
const sink = new Writable({
  write(c, _e, done) {
    stdout += c;
    done();
  },
});
const quiet = new Writable({ write: (_c, _e, done) => done() });
const cpu0 = process.cpuUsage();
t = performance.now();
const code = await main(['node', 'rampart', 'replay', join(dir, 'lab', 'access.log'), '--data', join(dir, 'data')], {
  stdout: sink,
  stderr: quiet,
  env: {},
  cwd: dir,
});
const wall = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
// Every parsed line MUST be a stored row (counted after the timed run).
const db = await DuckDBInstance.create(join(dir, 'data', 'events.duckdb'), { access_mode: 'READ_ONLY' });
const conn = await db.connect();
const [stored] = (await conn.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjects();
conn.closeSync();
db.closeSync();
rmSync(dir, { recursive: true, force: true });
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify(
    {
      bench: 'replay',
      exitCode: code,
      lines: lab.lines,
      storedEvents: Number(stored?.n),
      generateSeconds: Number(generateSeconds.toFixed(1)),
      replaySeconds: Number(wall.toFixed(1)),
      linesPerSecond: Math.round(lab.lines / wall),
      cpuSeconds: Number(cpuSeconds.toFixed(1)),
      linesPerCpuSecond: Math.round(lab.lines / cpuSeconds),
      summary: stdout.trim().split('\n'),
      loadAverage: loadavg().map((x) => Number(x.toFixed(1))),
    },
    null,
    1,
  ),
);
