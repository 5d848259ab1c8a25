import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runEventStoreContract } from '../contract/event-store.contract.js';
import { DuckDbEventStore } from './duckdb-event-store.js';

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
