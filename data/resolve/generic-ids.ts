/**
 * The ids of a spec no domain model knows: every path parameter, and every required request-body field that
 * another operation's success body shows (Opus' `investmentId`, `brokerNoteId`: the same rule the suites use to
 * find what a route needs, suites/plan/inputs.ts). Each has 5 values (`recordsPerList` in a large world), generated from its own schema
 * (the `value` of an Opus LegacyId `{key, value}` list), so they always fit it.
 */
import { jsonMedia } from '../../specs/lookup.ts';
import { isSchemaObject, type JsonSchemaObject } from '../../specs/json-schema.ts';
import type { JsonSchema, LoadedSpec, Operation } from '../../specs/types.ts';
import { rngFor } from '../random.ts';
import { mergeAllOf } from '../schema/merge.ts';
import type { SchemaPlanner } from '../schema/plan.ts';
import type { WorldCore } from '../domain/core.ts';
import { holdsOneId } from './id-paths.ts';
import { successSchema } from './render.ts';

/** How many ids each id of a generic spec has by default: what its lists show. */
const GENERIC_IDS = 5;

/** The ids of one name, in list order: memoised per world, so a large world pays for them once. */
export function genericIds(core: WorldCore, planner: SchemaPlanner, spec: LoadedSpec, name: string): string[] {
  return core.once(`generic-ids:${spec.id}:${name}`, () =>
    Array.from({ length: core.recordsPerList ?? GENERIC_IDS }, (_, j) => genericId(core, planner, spec, name, j)),
  );
}

const memo = new WeakMap<LoadedSpec, Map<string, JsonSchema>>();

/** Every id name of the spec with the schema of one id value (path parameters first). */
export function idSchemas(spec: LoadedSpec): Map<string, JsonSchema> {
  let found = memo.get(spec);
  if (found) return found;
  found = new Map();
  for (const operation of spec.operations)
    for (const parameter of operation.parameters)
      if (parameter.in === 'path' && !found.has(parameter.name)) found.set(parameter.name, parameter.schema ?? { type: 'string' });
  for (const operation of spec.operations)
    for (const [name, schema] of Object.entries(bodyIdFields(spec, operation))) if (!found.has(name)) found.set(name, schema);
  memo.set(spec, found);
  return found;
}

/** The required body fields of an operation that some other operation's success body shows, with one value's schema. */
export function bodyIdFields(spec: LoadedSpec, operation: Operation): Record<string, JsonSchema> {
  const body = requestBody(operation);
  // A POST that documents 201 creates what its body describes, own id included: only reads-by-POST (Opus) take ids there.
  if (!body || operation.responses.some((r) => r.status === '201')) return {};
  const properties = (body.properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, JsonSchema> = {};
  for (const name of Array.isArray(body.required) ? (body.required as string[]) : []) {
    const shown = spec.operations.some(
      (other) => other !== operation && !requiredOf(other).includes(name) && hasPropertyDeep(successSchema(other), name, 0),
    );
    // An id is one value (or an Opus LegacyId list): a required object such as `data` is the request itself, not a reference.
    if (shown && properties[name] !== undefined && holdsOneId(properties[name])) out[name] = valueSchema(properties[name]);
  }
  return out;
}

/** Id number j of an id name: deterministic in (seed, spec, name, j). */
function genericId(core: WorldCore, planner: SchemaPlanner, spec: LoadedSpec, name: string, j: number): string {
  const schema = idSchemas(spec).get(name) ?? { type: 'string' };
  const rng = rngFor(core.hash, `id:${spec.id}:${name}`, j);
  const value = planner.generate(schema, rng, { now: core.now }, undefined, { name, parent: '' });
  return String(value);
}

function requestBody(operation: Operation): JsonSchemaObject | undefined {
  const schema = operation.requestBody ? jsonMedia(operation.requestBody.content)?.schema : undefined;
  return schema && typeof schema === 'object' ? mergeAllOf(schema) : undefined;
}

function requiredOf(operation: Operation): string[] {
  const body = requestBody(operation);
  return Array.isArray(body?.required) ? body.required : [];
}

/** A LegacyId list (`[{key, value}]`) holds its id in `value`; anything else is the id itself. */
function valueSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object') return { type: 'string' };
  const node = mergeAllOf(schema);
  const items = isSchemaObject(node.items) ? mergeAllOf(node.items) : undefined;
  const value = items?.properties?.value;
  return value !== undefined && items?.properties?.key !== undefined ? value : schema;
}

function hasPropertyDeep(schema: JsonSchema | undefined, name: string, depth: number): boolean {
  if (!schema || typeof schema !== 'object' || depth > 10) return false;
  const node = mergeAllOf(schema);
  const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
  if (name in properties) return true;
  const children = [
    ...Object.values(properties),
    node.items,
    ...((node.oneOf ?? []) as JsonSchema[]),
    ...((node.anyOf ?? []) as JsonSchema[]),
  ];
  return children.some((child) => hasPropertyDeep(child as JsonSchema | undefined, name, depth + 1));
}
