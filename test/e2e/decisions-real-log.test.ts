/**
 * `rampart simulate` on a real log (10,000 lines of a blog's Apache log, gzip, from ../shared/data),
 * checked against an independent count made by reading the file directly: the figures must agree line
 * for line. Skipped when the shared data is absent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { parseCidr, parseIp } from '@rampart/core';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/server/src/cli/main.js';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-decisions-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function simulateJson(...args: string[]) {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) =>
    new Writable({
      write(chunk, _e, cb) {
        f(String(chunk));
        cb();
      },
    });
  const code = await main(['node', 'rampart', 'simulate', '--json', '--data', dir, ...args], {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    env: {},
    cwd: dir,
  });
  return { code, err, result: code === 0 ? JSON.parse(out) : undefined };
}

describe.skipIf(!HAS_SHARED_DATA)('simulate on a real Apache log', () => {
  const path = sharedPath('logs/elastic-apache-2015.log.gz');

  /**
   * Independent count: first field of each complete line. One line of the file is cut short (no closing
   * quote after the user agent); the parser counts it as bad with reason 'truncated', so it is left out here.
   */
  function count(match: (ip: string) => boolean) {
    const lines = gunzipSync(readFileSync(path))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.endsWith('"'));
    const ips = lines.map((l) => l.slice(0, l.indexOf(' ')));
    const hit = ips.filter((ip) => match(ip));
    return {
      total: ips.length,
      addresses: new Set(ips).size,
      blocked: hit.length,
      blockedAddresses: new Set(hit).size,
    };
  }

  it('agrees with a direct count for one address (the real Googlebot)', async () => {
    const { code, err, result } = await simulateJson('--ban', '66.249.73.135', path);
    expect(code, err).toBe(0);
    expect(result.lines).toEqual({ lines: 10000, bad: 1 });
    const want = count((ip) => ip === '66.249.73.135');
    expect(result.total).toEqual({ requests: want.total, addresses: want.addresses });
    expect(result.blocked.requests).toBe(want.blocked);
    expect(result.blocked.requests).toBeGreaterThan(100);
    expect(result.verdict.level).toBe('unsafe');
  });

  it('agrees with a direct count for a network and says how much of it was unflagged', async () => {
    const net = parseCidr('66.249.64.0/19')!;
    const inNet = (ip: string) => {
      const p = parseIp(ip);
      return p !== undefined && p.version === 4 && p.value >= net.first && p.value <= net.last;
    };
    const want = count(inNet);
    const flagged = join(dir, 'flagged.json');
    writeFileSync(flagged, JSON.stringify([]));
    const { result } = await simulateJson('--ban', '66.249.64.0/19', '--findings', flagged, path);
    expect(result.blocked).toMatchObject({ requests: want.blocked, addresses: want.blockedAddresses });
    expect(result.unflagged.requests).toBe(want.blocked);
    expect(result.unflagged.share).toBe(want.blocked / want.total);
  });
});
