import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runEventStoreContract, testEvent } from '../contract/event-store.contract.js';
import { DuckDbEventStore } from './duckdb-event-store.js';
import { MIGRATIONS } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-duckdb-'));
let n = 0;
let last = '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runEventStoreContract('duckdb (file)', {
  open: () => {
    last = join(dir, `events-${n++}.duckdb`);
    return DuckDbEventStore.open({ path: last });
  },
  reopen: () => DuckDbEventStore.open({ path: last }),
});

runEventStoreContract('duckdb (memory)', { open: () => DuckDbEventStore.open({ path: ':memory:' }) });

runEventStoreContract('duckdb (memory, rollup compacted after every load)', {
  open: () => DuckDbEventStore.open({ path: ':memory:', compactAfterRows: 1 }),
});

runEventStoreContract('duckdb (memory, raw events only)', {
  open: () => DuckDbEventStore.open({ path: ':memory:', rollups: false }),
});

describe('duckdb ingest journal recovery', () => {
  const line = (i: number) =>
    `${JSON.stringify({ ts: 1763640000000 + i, ip: `192.0.2.${i}`, ip4: 3221225984 + i, ip6_hi: null, ip6_lo: null, client: `192.0.2.${i}`, subnet: '192.0.2.0/24', method: 'GET', host: 'h', path: '/', path_template: '/', query: '', status: 200, bytes: 1, request_time: null, referer: '', user_agent: '', protocol: 'HTTP/1.1', api_key: null, user_name: null, session: null, country: null, asn: null, org: null, network_type: 'unknown', ua_class: 'missing', ua_family: null, crawler: null, crawler_verified: null, service: 'default', source: 'x', line: i })}\n`;

  it('loads segments a crashed process left behind, once, skipping a torn last line', async () => {
    const path = join(dir, 'recovery.duckdb');
    mkdirSync(`${path}.journal`, { recursive: true });
    writeFileSync(`${path}.journal/seg-000000000001.ndjson`, line(1) + line(2));
    writeFileSync(`${path}.journal/seg-000000000002.ndjson`, `${line(3)}{"ts": 17636400`);
    let store = await DuckDbEventStore.open({ path });
    expect(await store.count()).toBe(3);
    expect(readdirSync(`${path}.journal`)).toEqual([]);
    await store.close();
    // A segment recorded as loaded but not yet deleted (crash between commit and delete) is not loaded again.
    const conn = await (await DuckDBInstance.create(path)).connect();
    await conn.run("INSERT INTO loaded_segments VALUES ('seg-000000000007.ndjson')");
    conn.closeSync();
    writeFileSync(`${path}.journal/seg-000000000007.ndjson`, line(4));
    store = await DuckDbEventStore.open({ path });
    expect(await store.count()).toBe(3);
    expect(readdirSync(`${path}.journal`)).toEqual([]);
    await store.close();
  });
});

describe('duckdb loads', () => {
  it('loads a journal segment as soon as it is full, without waiting for the load timer', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:', loadIntervalMs: 3_600_000, segmentBytes: 4096 });
    const full = Array.from({ length: 20 }, (_, i) => testEvent(i, { ts: 1_763_640_000_000 + i }));
    await store.append(full);
    // This one stays in the open segment until the timer or a flush.
    await store.append([testEvent(20, { ts: 1_763_640_000_020 })]);
    await vi.waitFor(async () => expect(await store.count()).toBe(full.length), { timeout: 10_000 });
    await store.flush();
    expect(await store.count()).toBe(full.length + 1);
    await store.close();
  });
});

describe('duckdb schema migrations', () => {
  it('opens a data directory written before client and subnet were dropped, keeping its events', async () => {
    const path = join(dir, 'old-schema.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    const before = MIGRATIONS.findIndex((m) => m.includes('DROP COLUMN client'));
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < before; i++) {
      await conn.run(MIGRATIONS[i]!);
      await conn.run('INSERT INTO schema_version VALUES (?)', [i + 1]);
    }
    await conn.run(`INSERT INTO events SELECT * FROM (VALUES (1763640000000, '192.0.2.1', 3221225985, NULL, NULL,
      '192.0.2.1', '192.0.2.0/24', 'GET', 'h', '/old', '/old', '', 200, 5, NULL, '', 'curl/8', 'HTTP/1.1', NULL, NULL,
      NULL, NULL, NULL, NULL, 'unknown', 'library', NULL, NULL, NULL, 'default', 'x', 1, NULL, NULL))`);
    conn.closeSync();
    instance.closeSync();
    const store = await DuckDbEventStore.open({ path });
    await store.append([testEvent(2, { ip: '192.0.2.2', path: '/new' })]);
    await store.flush();
    const range = { from: 0, to: Date.UTC(2030, 0, 1) };
    const byPath = await store.breakdown({ range, dimension: 'path', limit: 10 });
    expect(byPath.map((r) => r.key).sort()).toEqual(['/new', '/old']);
    expect((await store.totals({ range })).ips).toBe(2);
    await store.close();
    const check = await (await DuckDBInstance.create(path)).connect();
    const cols = (await check.runAndReadAll("SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'"))
      .getRowObjects()
      .map((r) => String(r.column_name));
    check.closeSync();
    expect(cols).not.toContain('client');
    expect(cols).not.toContain('subnet');
  });
});

describe('duckdb key columns', () => {
  const range = { from: 0, to: Date.UTC(2030, 0, 1) };
  const events = [
    testEvent(1, { ip: '198.51.100.1', path: '/a' }),
    testEvent(2, { ip: '198.51.100.1', path: '/a' }),
    testEvent(3, { ip: '2001:db8::1', path: '/b' }),
  ];

  it('groups exactly by text when two texts share a key (a hash collision)', async () => {
    const path = join(dir, 'collision.duckdb');
    let store = await DuckDbEventStore.open({ path });
    await store.append(events);
    await store.close();
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run("UPDATE events SET path_key = 7, ip_key = 7 WHERE path IN ('/a', '/b')");
    conn.closeSync();
    instance.closeSync();
    store = await DuckDbEventStore.open({ path });
    const byPath = await store.breakdown({ range, dimension: 'path', limit: 10 });
    expect(byPath.map((r) => [r.key, r.requests])).toEqual([
      ['/a', 2],
      ['/b', 1],
    ]);
    const byIp = await store.breakdown({ range, dimension: 'ip', limit: 10 });
    expect(byIp.map((r) => [r.key, r.requests])).toEqual([
      ['198.51.100.1', 2],
      ['2001:db8::1', 1],
    ]);
    await store.close();
  });

  it('recomputes the keys of stored rows when they were computed by another DuckDB version', async () => {
    const path = join(dir, 'rekey.duckdb');
    let store = await DuckDbEventStore.open({ path });
    await store.append(events);
    await store.close();
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run('UPDATE events SET path_key = NULL, ip_key = NULL');
    await conn.run('DELETE FROM client_hours');
    await conn.run("UPDATE store_meta SET value = 'v0.0.1' WHERE name = 'derived_version'");
    conn.closeSync();
    instance.closeSync();
    store = await DuckDbEventStore.open({ path });
    expect((await store.totals({ range })).ips).toBe(2);
    const byPath = await store.breakdown({ range, dimension: 'path', limit: 10 });
    expect(byPath.map((r) => [r.key, r.requests, r.ips])).toEqual([
      ['/a', 2, 1],
      ['/b', 1, 1],
    ]);
    await store.close();
  });
});

describe('duckdb client rollup', () => {
  it('answers whole hours from the rollup and the partial hours from the events', async () => {
    const path = join(dir, 'rollup-used.duckdb');
    const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
    let store = await DuckDbEventStore.open({ path });
    await store.append(
      Array.from({ length: 10 }, (_, i) => testEvent(i, { ts: t0 + i * 600_000, ip: '198.51.100.9' })),
    );
    await store.close();
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    expect(Number((await conn.runAndReadAll('SELECT sum(n) AS n FROM client_hours')).getRowObjects()[0]?.n)).toBe(10);
    // Marks the rollup so that reading it shows: every stored hour counts 100 more.
    await conn.run('UPDATE client_hours SET n = n + 100');
    conn.closeSync();
    instance.closeSync();
    store = await DuckDbEventStore.open({ path });
    const hour = 3_600_000;
    // 12:00–13:00 whole (6 events, from the rollup) + 13:00–13:30 partial (3 events, raw).
    expect((await store.totals({ range: { from: t0, to: t0 + 1.5 * hour } })).requests).toBe(106 + 3);
    expect((await store.totals({ range: { from: t0 + 1, to: t0 + hour } })).requests).toBe(5);
    expect((await store.totals({ range: { from: t0, to: t0 + hour }, filter: { status: 200 } })).requests).toBe(6);
    await store.close();
  });

  it('rolls up exactly the rows of each load, also after deletes and a checkpoint moved row ids', async () => {
    const path = join(dir, 'rollup-rowids.duckdb');
    const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
    const hour = 3_600_000;
    const batch = (k: number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        testEvent(k * 1000 + i, { ts: t0 + k * hour + i * 7000, ip: `198.51.100.${(k * 7 + i) % 50}` }),
      );
    let rolled = await DuckDbEventStore.open({ path });
    const raw = await DuckDbEventStore.open({ path: ':memory:', rollups: false });
    const both = async (f: (s: DuckDbEventStore) => Promise<unknown>) => {
      await f(rolled);
      await f(raw);
    };
    const same = async () => {
      await both((s) => s.flush());
      for (const range of [
        { from: t0 - hour, to: t0 + 10 * hour },
        { from: t0 + hour, to: t0 + 3 * hour },
      ]) {
        expect(await rolled.totals({ range })).toEqual(await raw.totals({ range }));
        const ips = async (s: DuckDbEventStore) =>
          (await s.breakdown({ range, dimension: 'ip', limit: 100 })).map((r) => [r.key, r.requests, r.bytes]);
        expect(await ips(rolled)).toEqual(await ips(raw));
      }
    };
    await both((s) => s.append(batch(0, 300)));
    await both((s) => s.flush());
    await both((s) => s.append(batch(1, 400)));
    await same();
    await both((s) => s.applyRetention({ maxAgeMs: 0.5 * hour }, t0 + 1.7 * hour));
    await same();
    await rolled.close(); // checkpoints: deleted rows are vacuumed
    rolled = await DuckDbEventStore.open({ path });
    await both((s) => s.append(batch(2, 250)));
    await same();
    await both((s) => s.append(batch(3, 10)));
    await both((s) => s.append(batch(4, 20)));
    await same();
    expect(await rolled.count()).toBeGreaterThan(280);
    await rolled.close();
    await raw.close();
  });
});
