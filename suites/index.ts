/**
 * Public API of the conformance engine: run the suites and read what they
 * found. The reports read only result-model.ts.
 */
export { runSuite } from './engine/run-suite.ts';
export * from './result-model.ts';
