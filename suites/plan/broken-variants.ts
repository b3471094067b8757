/**
 * Plans with one thing broken, from the data engine's requestDefects: the plan
 * goes to the engine as a GeneratedRequest and each variant comes back as a
 * plan, with the same credentials and interaction-id handling as the valid one.
 */
import type { GeneratedRequest } from '../../data/index.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import type { BrokenVariant } from '../checks/types.ts';
import type { RequestData } from './request-data.ts';
import type { RequestPlan } from './request-plan.ts';

export function brokenVariantsOf(requestData: RequestData, spec: LoadedSpec, operation: Operation, plan: RequestPlan): BrokenVariant[] {
  const request: GeneratedRequest = {
    pathParams: { ...plan.pathParams },
    query: Object.fromEntries(Object.entries(plan.query).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value])),
    headers: { ...plan.headers },
    body: plan.body === undefined ? undefined : structuredClone(plan.body),
  };
  return requestData.requestDefects(spec, operation, request).map((defect) => ({
    name: defect.name,
    description: defect.description,
    location: defect.location,
    target: defect.target,
    expect: defect.expect,
    plan: {
      ...plan,
      pathParams: defect.request.pathParams,
      query: defect.request.query,
      headers: defect.request.headers,
      body: defect.request.body,
    },
  }));
}
