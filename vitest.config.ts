import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One runner for the whole repository: colocated unit tests in packages/*/src, end-to-end tests in test/.
// Tests import @rampart/core from source, so they never depend on a stale build.
export default defineConfig({
  resolve: {
    alias: { '@rampart/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
