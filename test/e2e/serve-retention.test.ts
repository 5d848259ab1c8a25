/**
 * Retention is applied by the server itself on its timer: events older than `server.retention.maxAgeDays`
 * disappear without anyone asking, newer ones stay.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { api, DIST_BUILT, eventually, type ServeProcess, startServe, tempDir } from './serve-harness.js';

const tmp = tempDir('serve-retention');
let s: ServeProcess | undefined;
afterAll(async () => {
  if (s) expect(await s.stop()).toBe(0);
  tmp.cleanup();
});

describe.skipIf(!DIST_BUILT)('rampart serve retention', () => {
  it('deletes events older than maxAgeDays on its own timer and keeps the rest', async () => {
    s = await startServe({
      dataDir: `${tmp.dir}/data`,
      configYaml: 'server:\n  retention:\n    maxAgeDays: 1\n    everyMinutes: 0.02\n',
    });
    const now = Date.now();
    const body = [3, 2, 0.5, 0.1]
      .map((days, i) =>
        JSON.stringify({
          ip: `192.0.2.${i}`,
          method: 'GET',
          path: `/age/${days}`,
          status: 200,
          timestamp: now - days * 86_400_000,
        }),
      )
      .join('\n');
    expect(
      (await api(s, '/api/v1/ingest', { raw: body, headers: { 'content-type': 'application/x-ndjson' } })).json
        .accepted,
    ).toBe(4);
    const all = `/api/v1/traffic/breakdown/path?from=0&to=${now + 3_600_000}`;
    const kept = await eventually(async () => {
      const rows = (await api(s!, all)).json.rows as { key: string }[];
      return rows.length === 2 ? rows.map((r) => r.key).sort() : undefined;
    });
    expect(kept).toEqual(['/age/0.1', '/age/0.5']);
    expect(s.output()).toMatch(/retention: deleted 2 events/);
  }, 60_000);
});
