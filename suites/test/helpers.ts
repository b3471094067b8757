/** Shared by the engine's tests: run a suite quietly and read its failures as `check @ operation` pairs. */
import { runSuite } from '../engine/run-suite.ts';
import type { RunOptions } from '../engine/run-options.ts';
import type { CheckResult, RunResults } from '../result-model.ts';

export async function runQuietly(options: Partial<RunOptions> & Pick<RunOptions, 'suites'>): Promise<RunResults> {
  return runSuite({ timeoutMs: 3_000, ...options });
}

export function failedPairs(run: RunResults): string[] {
  return [...new Set(run.results.filter((r) => r.status === 'failed').map(pairOf))].sort();
}

function pairOf(result: CheckResult): string {
  return `${result.check} @ ${result.operation}`;
}

export function describeFailures(run: RunResults): string {
  return run.results
    .filter((r) => r.status === 'failed')
    .map((r) => `${pairOf(r)}: ${r.message}`)
    .join('\n');
}
