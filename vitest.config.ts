import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{specs,mocks,suites,reports,cli,bench}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: forks keep a slow property test from starving the others' event loops.
    pool: 'forks',
    // Builds dist/ once if a source changed: the tests that run bin/aferir.js run dist/.
    globalSetup: ['cli/test/global-setup.ts'],
  },
});
