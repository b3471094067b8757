/**
 * `aferir report diff`: two runs compared result by result, by result id —
 * the "no regressions" gate for CI. A result fails when its status is
 * `failed`, or `warning` in a run that failed on warnings (its `failOn`).
 */
import type { CheckResult, RunResults } from '../suites/result-model.ts';

/** When `report diff` exits 1: on a failure the base did not have (`new`, the default), on any failure of the new run, or never. */
export type DiffFailOn = 'new' | 'any' | 'none';

export interface RunDiff {
  /** Failing now, and not failing (or not there) in the base. */
  newFailures: CheckResult[];
  /** Failing in the base, present and not failing now. */
  fixed: CheckResult[];
  /** Failing in both. */
  stillFailing: CheckResult[];
  /** Failing in the base and absent now (a check or operation no longer run). */
  gone: CheckResult[];
  /** Neither failing before nor now (passed, warning or skipped in both, or new and not failing). */
  unchanged: CheckResult[];
}

export function diffRuns(base: RunResults, next: RunResults): RunDiff {
  const failedBase = failing(base);
  const failedNext = failing(next);
  const before = new Map(base.results.map((result) => [result.id, result]));
  const now = new Set(next.results.map((result) => result.id));
  const diff: RunDiff = { newFailures: [], fixed: [], stillFailing: [], gone: [], unchanged: [] };
  for (const result of next.results) {
    const old = before.get(result.id);
    const wasFailing = old !== undefined && failedBase(old);
    if (failedNext(result)) (wasFailing ? diff.stillFailing : diff.newFailures).push(result);
    else (wasFailing ? diff.fixed : diff.unchanged).push(result);
  }
  for (const result of base.results) if (!now.has(result.id) && failedBase(result)) diff.gone.push(result);
  return diff;
}

/** The exit code of `report diff` (0 or 1) for `failOn`. */
export function diffExitCode(diff: RunDiff, failOn: DiffFailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  if (failOn === 'any') return diff.newFailures.length + diff.stillFailing.length > 0 ? 1 : 0;
  return diff.newFailures.length > 0 ? 1 : 0;
}

/** The terminal text: counts, then new failures, fixed, still failing and gone, one result per line. */
export function diffText(diff: RunDiff, files: { base: string; next: string }): string {
  const lines = [
    `${files.base} → ${files.next}`,
    `${diff.newFailures.length} new failures, ${diff.fixed.length} fixed, ${diff.stillFailing.length} still failing, ${diff.gone.length} no longer run, ${diff.unchanged.length} unchanged`,
  ];
  const section = (title: string, results: CheckResult[]) => {
    if (results.length === 0) return;
    lines.push('', `${title} (${results.length}):`);
    for (const result of results) lines.push(`  ${result.id}: ${result.message.replace(/\s+/g, ' ')}`);
  };
  section('New failures', diff.newFailures);
  section('Fixed', diff.fixed);
  section('Still failing', diff.stillFailing);
  section('Failing before, no longer run', diff.gone);
  return lines.join('\n');
}

function failing(run: RunResults): (result: CheckResult) => boolean {
  return (result) => result.status === 'failed' || (run.failOn === 'warning' && result.status === 'warning');
}
