/**
 * The context the checks of one operation share: the valid request, the
 * memoised probes (two checks asking for the same request get one exchange),
 * and the list of every exchange made, which the exchange checks then judge.
 */
import type { FamilyProfile } from '../../families/index.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import type { BrokenVariant, CheckSettings, OperationContext } from '../checks/types.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Discovery } from '../plan/discovery.ts';
import type { Input } from '../plan/inputs.ts';
import type { PagingProfile } from '../plan/paging.ts';
import type { RequestPlan } from '../plan/request-plan.ts';

type SendPlan = (operation: Operation, key: string, label: string, plan: RequestPlan) => Promise<Exchange>;

export interface OperationContextInit {
  spec: LoadedSpec;
  operation: Operation;
  profile: FamilyProfile;
  paging?: PagingProfile;
  inputs: Input[];
  plan: RequestPlan | { unavailable: string };
  settings: CheckSettings;
  discovery: Discovery;
  send: SendPlan;
  /** One-defect variants of a plan (the data engine's requestDefects). Default: none. */
  brokenVariants?: (operation: Operation, plan: RequestPlan) => BrokenVariant[];
  /** Values for a schema from the data engine. Default: none. */
  sampleValue?: (schema: JsonSchema, key: string) => unknown;
}

export function createOperationContext(init: OperationContextInit): OperationContext {
  const exchanges: Exchange[] = [];
  const memo = new Map<string, Promise<unknown>>();

  const probe = (key: string, label: string, plan: RequestPlan): Promise<Exchange> => {
    let pending = memo.get(`probe:${key}`) as Promise<Exchange> | undefined;
    if (!pending) {
      pending = init.send(init.operation, key, label, plan).then((exchange) => {
        exchanges.push(exchange);
        return exchange;
      });
      memo.set(`probe:${key}`, pending);
    }
    return pending;
  };

  return {
    spec: init.spec,
    operation: init.operation,
    profile: init.profile,
    paging: init.paging,
    inputs: init.inputs,
    plan: init.plan,
    settings: init.settings,
    discovery: init.discovery,
    exchanges,
    probe,
    valid() {
      if ('unavailable' in init.plan)
        return Promise.reject(new Error(`no valid request for ${init.operation.id}: ${init.plan.unavailable}`));
      return probe('valid', 'the valid request', init.plan);
    },
    brokenVariants: (plan) => init.brokenVariants?.(init.operation, plan) ?? [],
    sampleValue: (schema, key) => init.sampleValue?.(schema, key),
    shared<T>(key: string, run: () => Promise<T>): Promise<T> {
      let pending = memo.get(`shared:${key}`) as Promise<T> | undefined;
      if (!pending) {
        pending = run();
        memo.set(`shared:${key}`, pending);
      }
      return pending;
    },
  };
}

/** The plan of the context, for checks whose guards already ensured it exists. */
export function planOf(ctx: OperationContext): RequestPlan {
  if ('unavailable' in ctx.plan) throw new Error(`no valid request for ${ctx.operation.id}: ${ctx.plan.unavailable}`);
  return ctx.plan;
}
