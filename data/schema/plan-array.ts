/**
 * Array plans: as many items as the facts give (clamped to minItems/maxItems)
 * or a short random run, uniqueItems honoured by regenerating duplicates, and
 * an id fact (a string or a LegacyFact) wrapped into the one-pair `{key, value}`
 * list where the spec wants Opus' LegacyId.
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema } from '../../specs/types.ts';
import { LegacyFact, type FieldHint, type Plan, type PlanContext } from './plan-types.ts';

export function compileArray(planner: PlanContext, schema: JsonSchemaObject, hint: FieldHint): Plan {
  const itemSchema: JsonSchema = schema.items && !Array.isArray(schema.items) ? schema.items : {};
  const item = planner.plan(itemSchema, hint);
  const low = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const high = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  const unique = schema.uniqueItems === true;
  const legacy = isKeyValueItem(itemSchema);
  const { maxDepth } = planner.options;

  return (state, facts, siblings) => {
    let given: unknown[] | undefined = Array.isArray(facts) ? facts : undefined;
    // An id where the spec wants Opus' LegacyId list ({key, value} pairs): the same id, wrapped.
    if (!given && legacy && facts instanceof LegacyFact) given = [{ key: facts.key, value: facts.value }];
    else if (!given && legacy && (typeof facts === 'string' || typeof facts === 'number'))
      given = [{ key: hint.name || 'id', value: String(facts) }];
    let count: number;
    if (given) {
      count = Math.min(Math.max(given.length, low), high);
    } else {
      const least = high === 0 ? 0 : Math.max(low, 1);
      count = state.depth >= maxDepth ? least : state.rng.int(least, Math.min(high, least + 2));
    }
    const out: unknown[] = [];
    const seen = unique ? new Set<string>() : undefined;
    for (let i = 0; i < count; i++) {
      let value = item(state, given?.[i], siblings);
      if (seen) {
        for (let attempt = 0; attempt < 12 && seen.has(JSON.stringify(value)); attempt++) value = item(state, undefined, siblings);
        const key = JSON.stringify(value);
        if (seen.has(key)) {
          if (out.length >= low) break;
          planner.miss(`uniqueItems at ${hint.parent}/${hint.name}`);
        }
        seen.add(key);
      }
      out.push(value);
    }
    return out;
  };
}

/** Opus' LegacyId item: an object with exactly the properties `key` and `value`. */
function isKeyValueItem(schema: JsonSchema): boolean {
  if (typeof schema !== 'object') return false;
  const properties = schema.properties;
  return !!properties && 'key' in properties && 'value' in properties && Object.keys(properties).length === 2;
}
