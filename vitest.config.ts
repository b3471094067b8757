import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{specs,families,data,mocks,suites,reports,cli,bench,test}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: forks keep a slow property test from starving the others' event loops.
    pool: 'forks',
  },
});
