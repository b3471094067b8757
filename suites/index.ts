/**
 * Public API of the conformance engine: run the suites, the check registry,
 * and the errors a run can end with. The reports read only result-model.ts.
 */
export { runSuite } from './engine/run-suite.ts';
export type { RunOptions, SuiteTarget } from './engine/run-options.ts';
export {
  ObserverError,
  multiplexObservers,
  type ObserverGroup,
  type ProgressEvent,
  type RunObserver,
  type RunStart,
} from './engine/observer.ts';
export { DEFAULT_CONSISTENCY_LIMIT, DEFAULT_MAX_WALK_PAGES } from './engine/run-options.ts';
export { CHECKS, CHECK_ERROR_ID, CHECK_ERROR_INFO, checkInfo, selectChecks } from './checks/registry.ts';
export type { Check, CheckFinding, ExchangeCheck, OperationContext, ProbeCheck } from './checks/types.ts';
export { TargetUnreachableError } from './errors.ts';
export { DEFAULT_CONCURRENCY, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, type ClientOptions } from './http/client.ts';
export * from './result-model.ts';
