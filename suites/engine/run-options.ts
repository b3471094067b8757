/** The options of `runSuite`, each with its default, and the progress events it emits. */
import type { SpecLoadOptions } from '../../specs/load-options.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { ClientOptions } from '../http/client.ts';
import type { CredentialOptions } from '../plan/credentials.ts';
import type { CheckResult, RunResults, RunSummary, Severity, SpecInfo } from '../result-model.ts';

export const DEFAULT_MAX_WALK_PAGES = 50;
export const DEFAULT_CONSISTENCY_LIMIT = 25;

export interface SuiteTarget {
  /** Catalogue id, file path or URL of the spec, or a spec already loaded. */
  spec: string | LoadedSpec;
  /** The API base URL, e.g. `https://api.bank.example/open-banking/accounts/v2`. */
  target: string;
  /** Known values for this spec only (merged over `RunOptions.params`). Default: none. */
  params?: Record<string, string>;
}

export interface RunStart {
  tool: { name: string; version: string };
  target: string;
  spec: string;
  specs: SpecInfo[];
  startedAt: string;
}

/** Same shape as reports/'s Reporter: every hook optional, and one that throws does not stop the run. */
export interface RunListener {
  onRunStart?(info: RunStart): void | Promise<void>;
  onResult?(result: CheckResult): void | Promise<void>;
  onRunEnd?(results: RunResults): void | Promise<void>;
}

export type ProgressEvent =
  | { type: 'spec-start'; spec: SpecInfo; target: string; operations: number }
  | { type: 'operation-start'; spec: string; operation: string; index: number; total: number }
  | { type: 'operation-end'; spec: string; operation: string; results: CheckResult[]; soFar: RunSummary }
  | { type: 'warning'; message: string };

export interface RunOptions extends ClientOptions, CredentialOptions {
  /** What to test: one (spec, target) pair per spec. */
  suites: SuiteTarget[];
  /** How specs given by reference are loaded (`--ref-root`, `--spec-timeout`). Default: each spec's own folder or origin, 30 s. */
  specLoad?: SpecLoadOptions;
  /** `--param name=value`: path parameters (and query, header or Opus body values) discovery cannot find. Default: none. */
  params?: Record<string, string>;
  /** Run only these check ids (`--only`). Default: every check. */
  only?: string[];
  /** Leave out these check ids (`--skip`). Default: none. */
  skip?: string[];
  /** Permissions the --token-without-permissions token lacks. Default: every permission the spec lists. */
  missingPermissions?: string[];
  /** Which severity fails the run (`--fail-on`). Default `error`. */
  failOn?: Severity;
  /** The clock for "today", D-6 and the booking windows. Default: the system clock. */
  now?: Date;
  /** Seed of the data engine that generates request bodies. Default 1 (the mock's default). */
  seed?: string | number;
  /** Pages the paging walk reads at most. Default 50. */
  maxWalkPages?: number;
  /** List ids looked up on their detail endpoint at most, per operation. Default 25. */
  consistencyLimit?: number;
  /** Body bytes kept per result as evidence. Default 64 KiB. */
  evidenceBytes?: number;
  /** Receives onRunStart/onResult/onRunEnd (e.g. reports/' file reporter). Default: none. */
  listener?: RunListener;
  /** Progress while the run goes (the CLI prints it on stderr). Default: none. */
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Aborting it stops the run early: no new request is sent, the ones in flight are cancelled, the checks
   * that did not finish are skipped results saying so, and the run is marked interrupted (never a pass).
   * A string reason (`controller.abort('SIGINT')`) is recorded as the interruption's signal. Default: none.
   */
  signal?: AbortSignal;
  /** Written into results.json. Default: aferir and package.json's version. */
  tool?: { name: string; version: string };
}
