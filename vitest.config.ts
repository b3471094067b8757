import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{specs,mocks,suites,reports,cli,bench}/**/*.test.ts'],
    // Says once which optional prerequisites (../shared, Prism, Chromium, pdftotext) are missing and what skips.
    globalSetup: ['scripts/test-prerequisites.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: forks keep a slow property test from starving the others' event loops.
    pool: 'forks',
  },
});
