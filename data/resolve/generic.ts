/**
 * Operations no domain model knows (a spec from a file, a new API): lists of a
 * stable length whose id fields carry the ids the detail routes accept, and
 * detail routes that answer not-found for any other id. Ids are generated
 * from the path parameter's own schema, so they always fit it.
 */
import type { JsonSchema, LoadedSpec } from '../../specs/types.ts';
import type { DataAnswer } from '../api.ts';
import { hashString, rngFor } from '../random.ts';
import type { SchemaPlanner } from '../schema/plan.ts';
import type { WorldCore } from '../domain/core.ts';
import { dataShape, objectAnswer, pageAnswer, requestString, type ResolveContext } from './render.ts';

/** How many ids each path parameter of a generic spec has: what its lists show. */
export const GENERIC_IDS = 5;

/** The path parameters of a spec, by name, with their schemas (the first one seen). */
function pathParameters(spec: LoadedSpec): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  for (const operation of spec.operations) {
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path' && !found.has(parameter.name)) found.set(parameter.name, parameter.schema ?? { type: 'string' });
    }
  }
  return found;
}

/** Id number j of a path parameter (j < GENERIC_IDS): deterministic in (seed, spec, name, j). */
export function genericId(core: WorldCore, planner: SchemaPlanner, spec: LoadedSpec, name: string, j: number): string {
  const schema = pathParameters(spec).get(name) ?? { type: 'string' };
  const rng = rngFor(core.hash, `id:${spec.id}:${name}`, j);
  const value = planner.generate(schema, rng, { now: core.now }, undefined, { name, parent: '' });
  return String(value);
}

export function resolveGeneric(ctx: ResolveContext): DataAnswer {
  const { spec, operation, core, planner } = ctx;
  const params = operation.parameters.filter((p) => p.in === 'path');
  for (const param of params) {
    const value = requestString(ctx.request, param.name);
    const known = Array.from({ length: GENERIC_IDS }, (_, j) => genericId(core, planner, spec, param.name, j));
    if (value === undefined || !known.includes(value)) {
      return { kind: 'not-found', message: `${param.name} '${value ?? ''}' does not exist in this world.` };
    }
  }
  const shape = dataShape(spec, operation);
  const key = `generic:${spec.id}:${operation.id}:${params.map((p) => requestString(ctx.request, p.name)).join('/')}`;
  if (!shape?.item) {
    // A detail route shows the id it was asked for.
    const facts = idFacts(ctx, shape?.schema, 0) ?? {};
    for (const param of params) if (param.name in facts) facts[param.name] = requestString(ctx.request, param.name);
    return objectAnswer(ctx, facts, key);
  }
  const total = 3 + (hashString(key, core.hash) % 10);
  return pageAnswer(ctx, total, key, (i) => idFacts(ctx, shape.item, i));
}

/** Facts that put the world's ids into fields named like a path parameter (accountId, id…). */
function idFacts(ctx: ResolveContext, schema: JsonSchema | undefined, index: number): Record<string, unknown> | undefined {
  if (!schema || typeof schema !== 'object' || !schema.properties) return undefined;
  const names = [...pathParameters(ctx.spec).keys()];
  const facts: Record<string, unknown> = {};
  for (const property of Object.keys(schema.properties)) {
    const name = names.find((n) => n === property) ?? (property === 'id' && names.length === 1 ? names[0] : undefined);
    if (name) facts[property] = genericId(ctx.core, ctx.planner, ctx.spec, name, index % GENERIC_IDS);
  }
  return facts;
}
