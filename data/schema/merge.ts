/**
 * `allOf` folded into one schema, so the generator plans a single node that
 * satisfies every member: properties and required lists unite, bounds take the
 * strictest value, enums and types intersect. Members that cannot be folded
 * (two different patterns) keep the first one; the leaf check of the other
 * stays in force through the merged node's `allOf` remainder.
 */
import { entriesOf, type JsonSchemaObject } from '../../specs/json-schema.ts';

type Schema = JsonSchemaObject;

const merged = new WeakMap<object, Schema>();
const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']);

function asTypes(type: unknown): string[] | undefined {
  if (Array.isArray(type)) return type;
  return typeof type === 'string' ? [type] : undefined;
}

function mergeTwo(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = out[key];
    if (current === undefined) {
      out[key] = value;
    } else if (key === 'properties') {
      const properties: Record<string, unknown> = { ...(current as object) };
      for (const [name, schema] of entriesOf(value)) {
        properties[name] = properties[name] === undefined ? schema : { allOf: [properties[name], schema] };
      }
      out.properties = properties as Schema['properties'];
    } else if (key === 'required') {
      out.required = [...new Set([...(current as string[]), ...(value as string[])])];
    } else if (key === 'type') {
      const left = asTypes(current) ?? [];
      const right = asTypes(value) ?? [];
      const both = left.filter((t) => right.includes(t) || (t === 'integer' && right.includes('number')));
      const extra = right.filter((t) => t === 'integer' && left.includes('number'));
      const types = [...new Set([...both, ...extra])];
      out.type = types.length === 1 ? types[0] : types;
    } else if (key === 'enum') {
      out.enum = (current as unknown[]).filter((v) => (value as unknown[]).some((w) => JSON.stringify(w) === JSON.stringify(v)));
    } else if (LOWER_BOUNDS.has(key) && typeof value === 'number') {
      out[key] = Math.max(Number(current), value);
    } else if (UPPER_BOUNDS.has(key) && typeof value === 'number') {
      out[key] = Math.min(Number(current), value);
    } else if (key === 'additionalProperties') {
      if (value === false || current === false) out[key] = false;
    } else if (JSON.stringify(current) !== JSON.stringify(value)) {
      out.allOf = [...(out.allOf ?? []), { [key]: value }];
    }
  }
  return out;
}

/** The schema with its `allOf` folded in (recursively); schemas without `allOf` come back as they are. */
export function mergeAllOf(schema: Schema): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  let result = merged.get(schema);
  if (result) return result;
  const { allOf, ...rest } = schema;
  result = rest;
  for (const member of allOf as unknown[]) {
    if (member === true || member === null || typeof member !== 'object') continue;
    result = mergeTwo(result, mergeAllOf(member as Schema));
  }
  // Members that could not be folded come back as a nested allOf; fold what is foldable only once.
  if (Array.isArray(result.allOf) && result.allOf.length > 0) {
    const leftovers = result.allOf;
    result = { ...result, allOf: undefined };
    delete result.allOf;
    result.__unmerged = leftovers;
  }
  merged.set(schema, result);
  return result;
}
