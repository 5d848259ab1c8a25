import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatChooser } from './choose-parser.js';
import { followAnalysis } from './follow-analysis.js';
import { TrafficSummaryConsumer } from './summary/traffic-summary.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-follow-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (ip: string, s: number) =>
  `${ip} - - [20/Nov/2026:10:00:${String(s).padStart(2, '0')} +0000] "GET /p${s} HTTP/1.1" 200 10 "-" "test"\n`;

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function start(path: string) {
  const summary = new TrafficSummaryConsumer(10);
  let seen = 0;
  const consumers = [summary, { observe: () => seen++, finish: () => undefined }];
  const controller = new AbortController();
  const done = followAnalysis({
    path,
    name: 'access.log',
    checkpointPath: undefined,
    dataDir: join(dir, 'data'),
    maxLineBytes: 4096,
    chooseFormat: formatChooser({ format: 'auto', parseOptions: {} }),
    consumers,
    stderr: new Writable({ write: (_c, _e, cb) => cb() }),
    signal: controller.signal,
    pollMs: 10,
    checkpointEveryMs: 0,
  });
  const stop = async () => {
    controller.abort();
    return await done;
  };
  return { summary, seen: () => seen, stop };
}

describe('followAnalysis', () => {
  it('detects the format from the first lines, follows rotation, and resumes after a restart from the data-dir checkpoint', async () => {
    const path = join(dir, 'access.log');
    writeFileSync(path, line('192.0.2.1', 1) + line('192.0.2.2', 2));
    const first = start(path);
    await waitFor(() => first.seen() === 2, 'first two events');
    appendFileSync(path, line('192.0.2.3', 3));
    renameSync(path, `${path}.1`);
    writeFileSync(path, line('192.0.2.4', 4));
    await waitFor(() => first.seen() === 4, 'events across rotation');
    const result = await first.stop();
    expect(result.format).toMatchObject({ id: 'nginx_combined', autoDetected: true });
    expect(result.events).toBe(4);
    expect(first.summary.finish().requests).toBe(4);

    appendFileSync(path, line('192.0.2.5', 5) + line('192.0.2.6', 6));
    const second = start(path);
    await waitFor(() => second.seen() === 2, 'events after restart');
    const again = await second.stop();
    expect(again.events).toBe(2);
    expect(
      second.summary
        .finish()
        .top.paths.map((p) => p.value)
        .sort(),
    ).toEqual(['/p5', '/p6']);
  });
});
