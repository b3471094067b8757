/**
 * Plans that pick one of several: an enum value (the facts' own when it is
 * allowed), and a oneOf/anyOf branch (the one the facts fit, else a random one;
 * under oneOf, retried until the value fits that branch alone).
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema } from '../../specs/types.ts';
import { itemAt } from '../random.ts';
import { compileLeafCheck } from './checks.ts';
import { mergeAllOf } from './merge.ts';
import type { FieldHint, Plan, PlanContext } from './plan-types.ts';

export function compileEnum(planner: PlanContext, schema: JsonSchemaObject, types: string[], hint: FieldHint): Plan {
  const allowed = (schema.enum as unknown[]).filter((v) => v !== null || types.includes('null') || types.length === 0);
  const nonNull = allowed.filter((v) => v !== null);
  const check = compileLeafCheck(schema);
  const choices = nonNull.length > 0 ? nonNull : allowed;
  const nullRate = nonNull.length < allowed.length ? planner.options.nullRate : 0;
  // A recognised field picks the member its siblings imply (the UF of the record's municipality, BRL for a currency).
  const semantic = types.includes('string') || types.length === 0 ? planner.options.semantic?.(schema, hint, 'string') : undefined;
  return (state, facts, siblings) => {
    if (facts !== undefined && check(facts)) return facts;
    if (nullRate > 0 && state.rng.chance(nullRate)) return null;
    const guess = semantic?.(state, siblings);
    if (typeof guess === 'string' && choices.includes(guess)) return guess;
    return state.rng.pick(choices);
  };
}

export function compileChoice(planner: PlanContext, schema: JsonSchemaObject, hint: FieldHint): Plan {
  const exclusive = Array.isArray(schema.oneOf);
  // What sits beside oneOf/anyOf applies to every branch: merged into each.
  const { oneOf, anyOf, ...shared } = schema;
  const branches = ((oneOf ?? anyOf) as JsonSchema[]).map((branch) =>
    typeof branch === 'boolean' ? branch : mergeAllOf({ allOf: [shared, branch] }),
  );
  const plans = branches.map((branch) => planner.plan(branch, hint));
  const compile = planner.options.compile;
  const validators = compile ? branches.map((branch) => compile(branch)) : undefined;
  return (state, facts, siblings) => {
    if (facts !== undefined && validators) {
      const fitting = validators.findIndex((valid) => valid(facts));
      if (fitting >= 0) return itemAt(plans, fitting)(state, facts, siblings);
    }
    const start = state.rng.int(0, plans.length - 1);
    let value: unknown;
    for (let attempt = 0; attempt < plans.length * 3; attempt++) {
      const index = (start + attempt) % plans.length;
      value = itemAt(plans, index)(state, facts, siblings);
      if (!exclusive || !validators) return value;
      if (validators.every((valid, other) => other === index || !valid(value))) return value;
    }
    planner.miss(`oneOf at ${hint.parent}/${hint.name}`);
    return value;
  };
}
