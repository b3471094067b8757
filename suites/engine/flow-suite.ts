/**
 * A suite that drives a journey rather than one operation (the consents
 * suite of `--auth`): it gets the run's specs, targets, scrubber and
 * selection, and returns finished results; runSuite reports them like the
 * others, before the per-operation suites.
 */
import type { LoadedSpec } from '../../specs/types.ts';
import type { Redactor } from '../http/redact.ts';
import type { CheckInfo, CheckResult } from '../result-model.ts';

export interface FlowRunContext {
  /** The run's specs, loaded, in the order of `RunOptions.suites`. */
  specs: readonly LoadedSpec[];
  /** Their targets (base URLs without a trailing slash). */
  targets: readonly string[];
  /** The run's scrubber: every message and piece of evidence goes through it. */
  redactor: Redactor;
  /** Whether --only/--skip let this check id run. */
  selected(checkId: string): boolean;
  /** A warning on the progress stream (one sentence). */
  warn(message: string): void;
  signal?: AbortSignal;
}

export interface FlowSuite {
  name: string;
  /** The checks it may report (from FLOW_CHECKS). */
  checks: readonly CheckInfo[];
  run(ctx: FlowRunContext): Promise<CheckResult[]>;
}
