import { defineConfig } from 'vitest/config';

// One runner for the whole repository: colocated unit tests in packages/*/src, end-to-end tests in test/.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
