/**
 * Object plans: each property from its facts (OMIT leaves an optional one out,
 * Verbatim places a rendered value as it is), optional properties by chance,
 * properties others depend on generated first but written in the schema's
 * order, and free-form maps (`additionalProperties` only) filled from facts or
 * with a couple of made-up keys.
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema } from '../../specs/types.ts';
import { itemAt } from '../random.ts';
import { OMIT, Verbatim, type FieldHint, type Plan, type PlanContext } from './plan-types.ts';

/** Properties whose values others depend on are generated first (a document type before the document). */
function priority(name: string): number {
  if (/(person|document|key|account|holder|bank)_?type$|^type$|^category$|^kind$/i.test(name)) return 0;
  if (/currency|indicator|periodicity|^status$/i.test(name)) return 1;
  // The place's IBGE code and city decide its state and CEP (see semantic/places.ts).
  if (/ibge|municipalitycode|towncode|citycode|^(city|town|cidade|municipality)(name)?$/i.test(name)) return 1;
  if (/compe|bank_?code|ispb/i.test(name)) return 2;
  if (/branch|agency|agencia/i.test(name)) return 3;
  if (/number$|^account$|bank_account$/i.test(name)) return 4;
  if (/check_?digit|_digit$/i.test(name)) return 6;
  return 5;
}

export function compileObject(planner: PlanContext, schema: JsonSchemaObject, hint: FieldHint): Plan {
  const properties = Object.entries<JsonSchema>(schema.properties ?? {});
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  const deprecated = properties.map(([, child]) => typeof child === 'object' && child.deprecated === true);
  const children = properties.map(([name, child]) => planner.plan(child, { name, parent: hint.name }));
  const order = properties
    .map((_, i) => i)
    .sort((a, b) => priority(itemAt(properties, a)[0]) - priority(itemAt(properties, b)[0]) || a - b);
  const reordered = order.some((value, i) => value !== i);
  const map =
    properties.length === 0 && schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? planner.plan(schema.additionalProperties, { name: 'value', parent: hint.name })
      : undefined;
  const { maxDepth, optionalRate } = planner.options;
  // The loop's tables, one slot per property in generation order: read by position, not looked up by name.
  const names = order.map((index) => itemAt(properties, index)[0]);
  const plans = order.map((index) => itemAt(children, index));
  const mandatory = names.map((name) => required.has(name));
  const skipped = order.map((index) => deprecated[index] === true);
  const schemaOrder = properties.map(([name]) => name);

  return (state, facts) => {
    const given =
      facts !== null && typeof facts === 'object' && !Array.isArray(facts) ? (facts as Record<string | symbol, unknown>) : undefined;
    const out: Record<string, unknown> = {};
    const shallow = state.depth >= maxDepth;
    state.depth++;
    for (let slot = 0; slot < names.length; slot++) {
      const name = names[slot]!;
      let fact = given === undefined ? undefined : given[name];
      const isRequired = mandatory[slot]!;
      if (fact === OMIT) {
        if (!isRequired) continue;
        fact = undefined;
      }
      if (!isRequired && fact === undefined && (shallow || skipped[slot]! || !state.rng.chance(optionalRate))) continue;
      out[name] = fact instanceof Verbatim ? fact.value : plans[slot]!(state, fact, out);
    }
    if (map && !shallow) {
      const count = given ? Object.keys(given).length : state.rng.int(1, 2);
      const keys = given ? Object.keys(given) : Array.from({ length: count }, (_, i) => `campo${i + 1}`);
      for (const key of keys) out[key] = map(state, given?.[key], out);
    }
    state.depth--;
    if (!reordered) return out;
    // Generated in dependency order, written in the schema's order (then any map keys).
    const ordered: Record<string, unknown> = {};
    for (const name of schemaOrder) if (name in out) ordered[name] = out[name];
    if (map) for (const key of Object.keys(out)) if (!(key in ordered)) ordered[key] = out[key];
    return ordered;
  };
}
