/**
 * `aferir report merge`: the shards of one run (`aferir run --shard i/n`)
 * joined into the RunResults an unsharded run would have written — the same
 * results in the same order, the same counts, coverage and verdict. Order
 * comes from the plan every shard records (ShardInfo.plan); within an
 * operation, results keep the order their shard gave them (one operation is
 * always checked by one shard).
 */
import { UsageError } from '../specs/errors.ts';
import type { CheckInfo, CheckResult, Interruption, OperationCoverage, RunResults } from '../suites/result-model.ts';
import { summarise, summariseCoverage, verdictOf } from '../suites/result-model.ts';

export interface ShardRun {
  /** Where it was read from, for messages. */
  file: string;
  run: RunResults;
}

export function mergeShards(shards: readonly ShardRun[]): RunResults {
  const first = checkShards(shards);
  const plan = first.run.shard!.plan;
  const rank = new Map(plan.map((key, index) => [key, index]));
  const position = (spec: string, operation: string) => rank.get(`${spec} ${operation}`) ?? plan.length;
  const ordered = [...shards].sort((a, b) => a.run.shard!.index - b.run.shard!.index);

  const byOperation = new Map<string, CheckResult[]>();
  for (const { run } of ordered) {
    for (const result of run.results) {
      const key = `${result.spec} ${result.operation}`;
      const list = byOperation.get(key) ?? [];
      list.push(result);
      byOperation.set(key, list);
    }
  }
  const results = [...byOperation.entries()]
    .sort(([a], [b]) => (rank.get(a) ?? plan.length) - (rank.get(b) ?? plan.length))
    .flatMap(([, list]) => list);
  const coverage: OperationCoverage[] = ordered
    .flatMap(({ run }) => run.coverage)
    .sort((a, b) => position(a.spec, a.operation) - position(b.spec, b.operation));

  const checks = new Map<string, CheckInfo>();
  for (const { run } of ordered) for (const check of run.checks) if (!checks.has(check.id)) checks.set(check.id, check);

  const startedAt = ordered.map(({ run }) => run.startedAt).sort()[0]!;
  const finishedAt = ordered
    .map(({ run }) => run.finishedAt)
    .sort()
    .at(-1)!;
  const interruption = mergedInterruption(ordered.map(({ run }) => run));
  const summary = summarise(results);
  // The bar each shard was held to, now over every operation of the plan.
  const required = first.run.coverageSummary?.required;
  const coverageSummary = required === undefined ? undefined : summariseCoverage(coverage, required);
  const { shard: _shard, interrupted: _interrupted, interruption: _interruption, ...rest } = first.run;
  return {
    ...rest,
    startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
    verdict: verdictOf(summary, first.run.failOn, interruption !== undefined, coverageSummary),
    ...(interruption ? { interrupted: true, interruption } : {}),
    summary,
    checks: [...checks.values()],
    coverage,
    ...(coverageSummary ? { coverageSummary } : {}),
    results,
    ...(ordered.every(({ run }) => run.requests !== undefined)
      ? { requests: ordered.reduce((sum, { run }) => sum + (run.requests ?? 0), 0) }
      : {}),
  };
}

/** Every shard of one plan, each once: otherwise a usage error that says which is missing or out of place. */
function checkShards(shards: readonly ShardRun[]): ShardRun {
  const first = shards[0];
  if (!first) throw new UsageError('report merge needs the report folders of the shards, e.g. shard-1 shard-2 shard-3 shard-4.');
  for (const { file, run } of shards) {
    if (!run.shard) throw new UsageError(`${file} is not a shard: it was written by a run without --shard.`);
  }
  const { count, plan } = first.run.shard!;
  const seen = new Map<number, string>();
  for (const { file, run } of shards) {
    const shard = run.shard!;
    if (shard.count !== count)
      throw new UsageError(`${file} is shard ${shard.index}/${shard.count}, but ${first.file} is one of ${count}.`);
    if (shard.plan.join('\n') !== plan.join('\n') || run.failOn !== first.run.failOn)
      throw new UsageError(`${file} and ${first.file} are shards of different runs (other specs, operations or --fail-on).`);
    const twin = seen.get(shard.index);
    if (twin) throw new UsageError(`${file} and ${twin} are both shard ${shard.index}/${count}.`);
    seen.set(shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0)
    throw new UsageError(
      `Shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give every shard's report folder.`,
    );
  return first;
}

function mergedInterruption(runs: readonly RunResults[]): Interruption | undefined {
  const cut = runs.filter((run) => run.interrupted);
  if (cut.length === 0) return undefined;
  const signal = cut.map((run) => run.interruption?.signal).find(Boolean);
  return {
    ...(signal ? { signal } : {}),
    operationsNotRun: cut.reduce((sum, run) => sum + (run.interruption?.operationsNotRun ?? 0), 0),
    checksNotRun: cut.reduce((sum, run) => sum + (run.interruption?.checksNotRun ?? 0), 0),
  };
}
