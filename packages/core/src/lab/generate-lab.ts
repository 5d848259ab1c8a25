/**
 * Writes a lab day to a directory: `access.log` (nginx combined), `cloudflare.json` (Logpush NDJSON) and
 * `labels.json`. Lines are streamed to disk in 4 MB writes, so memory stays flat at any scale.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { LabLabels } from './labels.js';
import { CloudflareWriter, FORMAT_FILES, type LabFormat, NginxCombinedWriter } from './log-writers.js';
import { type LabDayOptions, planLabDay } from './plan-day.js';

export interface GenerateLabOptions extends LabDayOptions {
  readonly outDir: string;
  readonly formats: readonly LabFormat[];
}

export interface GenerateLabResult {
  readonly lines: number;
  readonly files: readonly string[];
  readonly labels: LabLabels;
}

const BUFFER_BYTES = 4 << 20;

/**
 * Lines are encoded straight into one reused buffer and written 4 MB at a time: no per-line Buffer, no
 * string ropes. Lab lines MUST be ASCII (the writers escape everything else), so latin1 encoding is exact.
 */
class BufferedFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    if (this.used + line.length > BUFFER_BYTES) this.flush();
    this.used += this.buffer.write(line, this.used, 'latin1');
  }

  flush(): void {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buffer, off, this.used - off);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function generateLab(options: GenerateLabOptions): GenerateLabResult {
  const day = planLabDay(options);
  mkdirSync(options.outDir, { recursive: true });
  const nginx = options.formats.includes('nginx')
    ? new BufferedFile(join(options.outDir, FORMAT_FILES.nginx))
    : undefined;
  const cloudflare = options.formats.includes('cloudflare')
    ? new BufferedFile(join(options.outDir, FORMAT_FILES.cloudflare))
    : undefined;
  const nginxWriter = new NginxCombinedWriter();
  const cfWriter = new CloudflareWriter((ip) => day.alloc.networkOf(ip));
  let lines = 0;
  try {
    for (let r = day.next(); r; r = day.next()) {
      lines++;
      nginx?.write(nginxWriter.line(r));
      cloudflare?.write(cfWriter.line(r));
    }
  } finally {
    nginx?.close();
    cloudflare?.close();
  }
  const labels = day.labels(options.formats, lines);
  const labelsPath = join(options.outDir, 'labels.json');
  writeFileSync(labelsPath, `${JSON.stringify(labels, null, 1)}\n`);
  const files = [nginx?.path, cloudflare?.path, labelsPath].filter((f): f is string => f !== undefined);
  return { lines, files, labels };
}
