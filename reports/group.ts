/**
 * Results grouped by spec, then operation, in the order a reader expects:
 * specs as the run lists them, operations as the coverage lists them (the
 * spec's own order), then anything else in the order it was produced.
 */
import type { CheckResult, RunResults } from '../suites/result-model.ts';

export interface OperationGroup {
  spec: string;
  operation: string;
  results: CheckResult[];
}

export function groupByOperation(run: RunResults): OperationGroup[] {
  const groups = new Map<string, OperationGroup>();
  const keyOf = (spec: string, operation: string) => `${spec}\u0000${operation}`;
  for (const entry of run.coverage) {
    const key = keyOf(entry.spec, entry.operation);
    if (!groups.has(key)) groups.set(key, { spec: entry.spec, operation: entry.operation, results: [] });
  }
  for (const result of run.results) {
    const key = keyOf(result.spec, result.operation);
    let group = groups.get(key);
    if (group === undefined) {
      group = { spec: result.spec, operation: result.operation, results: [] };
      groups.set(key, group);
    }
    group.results.push(result);
  }
  const specRank = new Map(run.specs.map((spec, index) => [spec.id, index]));
  const rank = (spec: string) => specRank.get(spec) ?? run.specs.length;
  // Array.prototype.sort is stable, so operations keep their order inside a spec.
  return [...groups.values()].filter((group) => group.results.length > 0).sort((a, b) => rank(a.spec) - rank(b.spec));
}
