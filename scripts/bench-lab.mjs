// Benchmark: generating a traffic-lab day (the input of the analyze speed benchmark, >= 1.5M lines).
// Reports lines, wall and CPU seconds, lines per second and peak RSS. Needs a build (npm run build).
// Usage: npm run bench:lab [-- --scale 12 --seed 1 --formats nginx,cloudflare --out DIR --keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLab } from '../packages/core/dist/index.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    formats: { type: 'string', default: 'nginx' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const outDir = values.out ?? mkdtempSync(join(tmpdir(), 'rampart-bench-lab-'));
const formats = values.formats.split(',');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = generateLab({ seed: Number(values.seed), scale: Number(values.scale), outDir, formats });
const wall = (performance.now() - t0) / 1000;
const cpuUse = process.cpuUsage(cpu0);
const cpu = (cpuUse.user + cpuUse.system) / 1e6;
// maxRSS is the process's peak resident set, in KiB.
const peakRss = process.resourceUsage().maxRSS * 1024;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`lab generate --seed ${values.seed} --scale ${values.scale} --formats ${formats.join(',')}`);
console.log(`  lines            ${fmt(result.lines)}`);
console.log(`  wall             ${wall.toFixed(2)} s   (${fmt(result.lines / wall)} lines/s)`);
console.log(`  cpu (user+sys)   ${cpu.toFixed(2)} s   (${fmt(result.lines / cpu)} lines per cpu-second)`);
console.log(`  peak rss         ${fmt(peakRss / 1048576)} MB`);
console.log(`  files            ${result.files.join(', ')}`);
if (!values.keep && values.out === undefined) rmSync(outDir, { recursive: true, force: true });
