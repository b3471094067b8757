/** The plan with one input (path parameter or Opus body id) set to another value. */
import type { Input } from './inputs.ts';
import type { RequestPlan } from './request-plan.ts';

export function withInput(plan: RequestPlan, input: Input, value: unknown): RequestPlan {
  if (input.in === 'path') return { ...plan, pathParams: { ...plan.pathParams, [input.name]: String(value) } };
  return { ...plan, body: { ...((plan.body as Record<string, unknown>) ?? {}), [input.name]: value } };
}

export function inputValue(plan: RequestPlan, input: Input): unknown {
  return input.in === 'path' ? plan.pathParams[input.name] : (plan.body as Record<string, unknown> | undefined)?.[input.name];
}
