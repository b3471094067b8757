/**
 * The result model: what a conformance run produces and what every report
 * writer reads. `results.json` is this object serialised; the README documents it.
 * Reports import this file and nothing else from the engine.
 */

export type ResultStatus = 'passed' | 'failed' | 'warning' | 'skipped';

/** How bad a non-conformance is; `--fail-on` decides which severities make exit 1. */
export type Severity = 'error' | 'warning';

/** One precise non-conformance inside a result (a field, a header, a link). */
export interface Finding {
  message: string;
  /** JSON path into the response body, e.g. `$.data[0].accountId`. */
  path?: string;
  /** The rule broken, e.g. `pattern ^\d{14}$`, `required`, `enum`. */
  rule?: string;
  expected?: unknown;
  actual?: unknown;
  /**
   * `warning` when this finding is about a defect of the spec rather than of the
   * target (e.g. a `pattern` the spec writes on a number); absent = the result's severity.
   */
  severity?: Severity;
  /** Which exchange of the result it is about, e.g. `GET /accounts?page=2&page-size=10 → 200`; absent = the result's evidence. */
  exchange?: string;
}

/** The request as sent, without secrets (Authorization, cookies and client keys are redacted). */
export interface RequestEvidence {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The response as received, its body capped in size. */
export interface ResponseEvidence {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Size in bytes of the full body; `body` holds at most the cap. */
  bodyBytes?: number;
  bodyTruncated?: boolean;
  durationMs?: number;
}

/** Another exchange a result's findings are about, beyond the one in `request`/`response`. */
export interface ExchangeEvidence {
  /** The same text as the `exchange` of the findings about it, e.g. `GET /accounts?page=2&page-size=10 → 200`. */
  exchange: string;
  request: RequestEvidence;
  response?: ResponseEvidence;
  /** The request as a `curl` command, secrets as `$AFERIR_TOKEN`-style placeholders. */
  curl?: string;
}

export interface CheckResult {
  /**
   * `check@operation[#variant]`: unique within the run and the same in every run of the same specs
   * (see `resultId`). A run over several specs writes the operation as `spec:operation`.
   */
  id: string;
  /** The check's kebab-case id from the registry, e.g. `response-schema`. */
  check: string;
  /** The spec this result belongs to (catalogue id or file name). */
  spec: string;
  /** operationId, or `METHOD /path` when the spec gives none. */
  operation: string;
  status: ResultStatus;
  severity: Severity;
  message: string;
  findings?: Finding[];
  request?: RequestEvidence;
  response?: ResponseEvidence;
  /** For a failure or warning with evidence: `request` as a `curl` command, secrets as `$AFERIR_TOKEN`-style placeholders. */
  curl?: string;
  /** The other exchanges the findings are about (a finding on page 3 of a walk), in the order first named. */
  exchanges?: ExchangeEvidence[];
  durationMs?: number;
}

/**
 * The stable id of a result: `check@operation`, plus `#variant` when one check yields several results on one
 * operation (what differs between them, e.g. `#page-size-1001`; never a message or a count).
 */
export function resultId(check: string, operation: string, variant?: string): string {
  return `${check}@${operation}${variant ? `#${variant}` : ''}`;
}

export interface CheckInfo {
  id: string;
  description: string;
  severity: Severity;
}

export interface SpecInfo {
  id: string;
  title: string;
  version: string;
  source: string;
  basePath: string;
}

export interface OperationCoverage {
  spec: string;
  operation: string;
  method: string;
  path: string;
  exercised: boolean;
  documentedStatuses: string[];
  exercisedStatuses: string[];
  /** Whether a check that could fail exercised it: a passed, failed or warning result with a request sent. Absent in older runs, and when --only/--skip left it no check (not counted either way). */
  covered?: boolean;
  /** Why it was not covered (its checks' skip reasons); present exactly when `covered` is false. */
  notCoveredReason?: string;
}

/** How much of the spec(s) the run exercised, and how much it had to (`--min-coverage`, `--allow-skips`). */
export interface CoverageSummary {
  /** Operations in the run's specs. */
  operations: number;
  /** Operations exercised by at least one check that could fail. */
  covered: number;
  /** `covered / operations`, 1 for a run with no operations. */
  ratio: number;
  /** The ratio the run needed to pass: `--min-coverage` (default 1), 0 with `--allow-skips`. */
  required: number;
  /** The operations not covered and why. */
  notCovered: Array<{ spec: string; operation: string; reason: string }>;
}

export interface RunSummary {
  passed: number;
  failed: number;
  warnings: number;
  skipped: number;
  total: number;
}

export interface RunResults {
  tool: { name: string; version: string };
  target: string;
  /** The spec id; for a run over several specs, their ids joined with commas. */
  spec: string;
  specs: SpecInfo[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** `error`: only failures fail the run; `warning`: warnings fail it too. */
  failOn: Severity;
  /** `fail` when a check failed (per `failOn`) or the run was interrupted; never `pass` for a run cut short. */
  verdict: 'pass' | 'fail';
  /** Present, and true, only when the run was stopped before it finished (SIGINT/SIGTERM); see `interruption`. */
  interrupted?: boolean;
  /** What the interruption left out; present exactly when `interrupted` is. */
  interruption?: Interruption;
  summary: RunSummary;
  checks: CheckInfo[];
  coverage: OperationCoverage[];
  /** How many operations a check that could fail exercised; a run below `required` fails. Absent in older runs. */
  coverageSummary?: CoverageSummary;
  /** One line each for the obvious cause of a wall of failures (wrong base path, missing credentials); absent when none. */
  diagnostics?: string[];
  results: CheckResult[];
  /** How many HTTP requests the run sent to the target(s); absent in runs made before it was recorded. */
  requests?: number;
  /** Present when the run was one shard of a plan (`--shard i/n`); `aferir report merge` joins the shards. */
  shard?: ShardInfo;
}

/** Which part of the plan a sharded run covered. */
export interface ShardInfo {
  /** 1-based: `--shard 2/4` is index 2. */
  index: number;
  count: number;
  /** Every operation of the whole plan, in run order, as `spec operation`: how a merge puts the shards back in order. */
  plan: string[];
}

/** A run stopped early: what stopped it and what did not run (those checks are `skipped` results saying so). */
export interface Interruption {
  /** The signal that stopped the run, e.g. `SIGINT`; absent when it was stopped another way. */
  signal?: string;
  /** Operations whose checks never started. */
  operationsNotRun: number;
  /** Results skipped because of the interruption (not-run operations and checks cut off mid-operation). */
  checksNotRun: number;
}

export function summarise(results: readonly CheckResult[]): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, warnings: 0, skipped: 0, total: results.length };
  for (const result of results) {
    if (result.status === 'passed') summary.passed++;
    else if (result.status === 'failed') summary.failed++;
    else if (result.status === 'warning') summary.warnings++;
    else summary.skipped++;
  }
  return summary;
}

/**
 * `interrupted`: a run cut short is never a pass, whatever the part that ran says.
 * `coverage`: a run that exercised less than it had to fails too (no empty passes).
 */
export function verdictOf(summary: RunSummary, failOn: Severity, interrupted = false, coverage?: CoverageSummary): 'pass' | 'fail' {
  if (interrupted || summary.failed > 0) return 'fail';
  if (coverage && !coverageMet(coverage)) return 'fail';
  if (failOn === 'warning' && summary.warnings > 0) return 'fail';
  return 'pass';
}

/** `interrupted by SIGINT: 1 operation and 12 checks did not run`: the one sentence every report and the terminal use. */
export function describeInterruption(interruption: Interruption | undefined): string {
  if (!interruption) return 'interrupted';
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const by = interruption.signal ? ` by ${interruption.signal}` : '';
  return `interrupted${by}: ${count(interruption.operationsNotRun, 'operation')} and ${count(interruption.checksNotRun, 'check')} did not run`;
}

/** The coverage of a run from its per-operation entries; `required` is the fraction it must reach (1 = every operation). */
export function summariseCoverage(entries: readonly OperationCoverage[], required: number): CoverageSummary {
  const notCovered = entries
    .filter((entry) => entry.covered === false)
    .map((entry) => ({ spec: entry.spec, operation: entry.operation, reason: entry.notCoveredReason ?? 'no check could run' }));
  // Operations the check selection (--only/--skip) left without a check are not counted either way.
  const operations = entries.filter((entry) => entry.covered !== undefined).length;
  const covered = operations - notCovered.length;
  return { operations, covered, ratio: operations === 0 ? 1 : covered / operations, required, notCovered };
}

/** Whether the run exercised enough (a small tolerance: 0.8 of 10 operations is met by 8). */
export function coverageMet(coverage: CoverageSummary): boolean {
  return coverage.covered >= coverage.required * coverage.operations - 1e-9;
}

/** `28 of 30 operations covered (93%)`, plus what was required when it was not met: the line every report and the terminal use. */
export function describeCoverage(coverage: CoverageSummary): string {
  const percent = (ratio: number) => `${Math.floor(ratio * 1000) / 10}%`;
  const base = `${coverage.covered} of ${coverage.operations} operation${coverage.operations === 1 ? '' : 's'} covered (${percent(coverage.ratio)})`;
  if (coverageMet(coverage)) return coverage.required < 1 ? `${base}; ${percent(coverage.required)} required` : base;
  return `${base}: below the ${percent(coverage.required)} required (--min-coverage, --allow-skips)`;
}
