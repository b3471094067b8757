import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{specs,families,data,mocks,suites,reports,cli,bench,test}/**/*.test.ts'],
    // Near what the tests need (measured with --reporter=json on two cores shared with other work): the
    // slowest ordinary test takes 5–7 s and the slowest ordinary hook 3–5 s. The few longer tests
    // (10,000-result reports and PDFs in Chromium, the data property test, real-binary signal tests,
    // Prism) set their own timeouts.
    testTimeout: 15_000,
    hookTimeout: 15_000,
    // Two cores: forks keep a slow property test from starving the others' event loops.
    pool: 'forks',
    // Says once which optional prerequisites (../shared, Prism, Chromium, pdftotext) are missing and what
    // skips; builds dist/ once if a source changed (the tests that run bin/aferir.js run dist/).
    globalSetup: ['scripts/test-prerequisites.ts', 'cli/test/global-setup.ts'],
  },
});
