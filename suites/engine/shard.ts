/**
 * `--shard i/n`: which operations of the plan one CI job runs. The plan is
 * every operation of every spec in run order (provider-first, as runSpec
 * walks it); operation k goes to shard (k mod n) + 1. Each shard computes
 * this alone from the specs, so shards need no coordination, the quarters are
 * as even as the plan allows, and a result's shard follows from its operation.
 */
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import type { ShardInfo } from '../result-model.ts';
import { orderOperations } from '../plan/inputs.ts';

export interface ShardSpec {
  /** 1-based: `--shard 2/4` is index 2. */
  index: number;
  count: number;
}

export interface ShardPlan {
  info: ShardInfo;
  /** Whether this shard runs the checks of `operation` of `spec`. */
  runs(spec: LoadedSpec, operation: Operation): boolean;
}

export function planShard(specs: readonly LoadedSpec[], shard: ShardSpec): ShardPlan {
  const plan = specs.flatMap((spec) => orderOperations(spec).map((operation) => planKey(spec.id, operation.id)));
  const mine = new Set(plan.filter((_key, position) => position % shard.count === shard.index - 1));
  return {
    info: { index: shard.index, count: shard.count, plan },
    runs: (spec, operation) => mine.has(planKey(spec.id, operation.id)),
  };
}

/** `ofb-accounts-2.4.1 accountsGetAccounts`: an operation in `ShardInfo.plan`. */
export function planKey(spec: string, operation: string): string {
  return `${spec} ${operation}`;
}
