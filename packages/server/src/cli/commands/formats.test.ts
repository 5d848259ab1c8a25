import { Writable } from 'node:stream';
import { PARSERS } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        write(String(chunk));
        cb();
      },
    });
  const code = await main(['node', 'rampart', ...args], {
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
    env: {},
    cwd: process.cwd(),
  });
  return { code, out, err };
}

describe('rampart formats', () => {
  it('lists every registered format id with its description', async () => {
    const { code, out } = await run(['formats']);
    expect(code).toBe(0);
    for (const p of PARSERS) expect(out).toContain(p.id);
    expect(out).toMatch(/nginx_combined\s+auto\s+nginx predefined "combined"/);
    expect(out).toMatch(/^nginx\s+set\s+/m);
  });

  it('shows one format with its settings and equivalents', async () => {
    const nginx = await run(['formats', 'nginx']);
    expect(nginx.out).toMatch(/logFormat \(string, required\)/);
    const combined = await run(['formats', 'nginx_combined']);
    expect(combined.out).toContain('same line shape as: apache_combined');
  });

  it('prints JSON with --json', async () => {
    const { out } = await run(['formats', '--json']);
    const list = JSON.parse(out) as { id: string; autoDetect: boolean }[];
    expect(list.map((f) => f.id)).toEqual(PARSERS.map((p) => p.id));
    expect(list.find((f) => f.id === 'json')?.autoDetect).toBe(false);
    expect(list.find((f) => f.id === 'cloudflare')?.autoDetect).toBe(true);
  });

  it('fails with a usage exit code and the known ids on an unknown id', async () => {
    const { code, err } = await run(['formats', 'iis']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown format 'iis'.*nginx_combined/);
  });
});
