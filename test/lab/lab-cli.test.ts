/**
 * `rampart lab generate` and `rampart lab score` through the real CLI entry point (in process, captured
 * streams): files written, exit codes scripts can trust, `--json` for machines.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { LabLabels } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-lab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return runWithInput(undefined, ...args);
}

async function runWithInput(
  input: string | undefined,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  stdin.end(input ?? '');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const code = await main(['node', 'rampart', ...args], { stdout, stderr, stdin, cwd: dir });
  return { code, out, err };
}

let labels: LabLabels;
beforeAll(async () => {
  const r = await run('lab', 'generate', '--seed', '5', '--scale', '0.02', '--out', 'day', '--formats', 'nginx');
  expect(r.code, r.err).toBe(0);
  labels = JSON.parse(readFileSync(join(dir, 'day', 'labels.json'), 'utf8')) as LabLabels;
});

/** Findings that flag exactly the given actors, on their own entity (a campaign lists its ips). */
function findingsFor(actors: LabLabels['actors']): string {
  const findings = actors.map((a) => ({
    detector: 'hand',
    category: a.category ?? 'scanning',
    entity: a.entity,
    ips: a.entity.kind === 'campaign' ? a.ips : undefined,
    recommendation: { action: 'ban' },
  }));
  return JSON.stringify({ findings });
}

describe('rampart lab', () => {
  it('generate writes the log and the labels and says how many lines', () => {
    expect(readFileSync(join(dir, 'day', 'access.log'), 'utf8').split('\n').length - 1).toBe(labels.lines);
    expect(labels.seed).toBe(5);
    expect(labels.formats).toEqual(['nginx']);
  });

  it('score passes (exit 0) when every abuse actor and nothing else is flagged', async () => {
    writeFileSync(join(dir, 'perfect.json'), findingsFor(labels.actors.filter((a) => a.label === 'abuse')));
    const r = await run('lab', 'score', 'day/labels.json', 'perfect.json');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out, r.out).toContain('precision 100.0%   macro recall 100.0%');
    expect(r.out).toContain('PASS');
  });

  it('score fails (exit 1) and names the bar when a CGNAT gateway is flagged', async () => {
    const flagged = labels.actors.filter((a) => a.label === 'abuse' || a.kind === 'cgnat_gateway');
    writeFileSync(join(dir, 'cgnat.json'), findingsFor(flagged));
    const r = await run('lab', 'score', 'day/labels.json', 'cgnat.json', '--json');
    expect(r.code, r.err).toBe(1);
    const score = JSON.parse(r.out) as { cgnatFlagged: number; failures: string[]; passed: boolean };
    expect(score.cgnatFlagged).toBe(labels.actors.filter((a) => a.kind === 'cgnat_gateway').length);
    expect(score.passed).toBe(false);
    expect(score.failures.join()).toContain('CGNAT');
  });

  it("score reads the findings from standard input when given '-'", async () => {
    const findings = findingsFor(labels.actors.filter((a) => a.label === 'abuse'));
    const r = await runWithInput(findings, 'lab', 'score', 'day/labels.json', '-', '--json');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { precision: number }).precision).toBe(1);
  });

  it('score exits 3 on a missing file and 2 on a file that is not findings', async () => {
    expect((await run('lab', 'score', 'day/labels.json', 'nope.json')).code).toBe(3);
    writeFileSync(join(dir, 'junk.json'), '{"rows": []}');
    const junk = await run('lab', 'score', 'day/labels.json', 'junk.json');
    expect(junk.code).toBe(2);
    expect(junk.err).toContain('findings');
  });

  it('generate rejects a day that does not exist with a usage error', async () => {
    const r = await run('lab', 'generate', '--seed', '1', '--out', 'x', '--date', '2026-02-30');
    expect(r.code).toBe(2);
    expect(r.err).toContain('YYYY-MM-DD');
  });

  it('generate rejects an unknown format with a usage error', async () => {
    const r = await run('lab', 'generate', '--seed', '1', '--out', 'x', '--formats', 'nginx,apache');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown format 'apache'");
  });
});
