/** One generator planner per loaded spec: plans compile once per schema node and are shared by every world. */
import type { LoadedSpec } from '../specs/types.ts';
import { SchemaPlanner } from './schema/plan.ts';
import { apiDomain } from './semantic/domain.ts';
import { semanticFor } from './semantic/index.ts';

const planners = new WeakMap<LoadedSpec, SchemaPlanner>();

export function plannerFor(spec: LoadedSpec): SchemaPlanner {
  let planner = planners.get(spec);
  if (!planner) {
    planner = new SchemaPlanner({
      semantic: semanticFor({ domain: apiDomain(spec), title: spec.title }),
      compile: (schema) => spec.validator.compile(schema) as (value: unknown) => boolean,
    });
    planners.set(spec, planner);
  }
  return planner;
}
